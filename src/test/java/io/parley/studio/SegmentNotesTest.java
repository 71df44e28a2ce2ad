package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentNotesTest {

    private static final Speaker KATE = Speaker.caller("Kate", "CA" + "2".repeat(32));
    private static final List<StudioTurn> SEGMENT = List.of(
            turn(4, Speaker.HOST, "Kate, welcome, tell us about the music."),
            turn(5, KATE, "I have played the cello for twenty years."),
            turn(6, Speaker.persona("Max", 1), "Twenty years is a long time."),
            turn(7, KATE, "And I still practise every morning."));

    private static StudioTurn turn(long seq, Speaker who, String text) {
        return new StudioTurn(seq, who, text, Instant.EPOCH.plusSeconds(seq), Instant.EPOCH.plusSeconds(seq), false,
                null);
    }

    private static String summary(LanguageModel model, List<StudioTurn> turns) {
        return SegmentNotes.summary(model, KATE.key(), "Kate", "music", turns).toCompletableFuture().join();
    }

    @Test
    void withoutAModelTheSummaryIsTheCallersOwnWordsOnly() {
        LanguageModel scripted = FakeModels.embedded();
        assertEquals("Kate called about music and said: \"I have played the cello for twenty years. / And I still"
                + " practise every morning.\"", summary(scripted, SEGMENT));
        assertEquals("Kate called about music and was on air briefly without saying anything the studio heard.",
                summary(scripted, SEGMENT.subList(0, 1)));
        assertEquals("Kate called and said: \"x\"", SegmentNotes.ownWords(KATE.key(), "Kate", "",
                List.of(turn(1, KATE, "x"))));
        String long_ = SegmentNotes.ownWords(KATE.key(), "Kate", "music", List.of(turn(1, KATE, "la ".repeat(400))));
        assertTrue(long_.length() < 400 && long_.endsWith("…\""), long_);
    }

    @Test
    void theModelSummarisesTheLabelledSegmentAndItsAnswerIsTidied() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        String summary = summary(FakeModels.writing("Summary:  Kate, a cellist of twenty years,\n told the host she"
                + " still practises daily. ", asked), SEGMENT);
        assertEquals("Kate, a cellist of twenty years, told the host she still practises daily.", summary);
        assertEquals(SegmentNotes.PROMPT, asked.get(0).get(0).content());
        assertEquals("The caller: Kate, on music\n\nHost: Kate, welcome, tell us about the music.\nKate: I have played"
                + " the cello for twenty years.\nMax: Twenty years is a long time.\nKate: And I still practise every"
                + " morning.", asked.get(0).get(1).content());
    }

    @Test
    void aModelThatFailsRamblesOrSaysNothingLosesNothing() {
        String own = SegmentNotes.ownWords(KATE.key(), "Kate", "music", SEGMENT);
        assertEquals(own, summary(FakeModels.writing(null, new ArrayList<>()), SEGMENT), "failed: her own words");
        assertEquals(own, summary(FakeModels.writing("  \n ", new ArrayList<>()), SEGMENT), "blank: her own words");
        String rambling = summary(FakeModels.writing("Kate talked. ".repeat(500), new ArrayList<>()), SEGMENT);
        assertTrue(rambling.length() <= SegmentNotes.MAX_CHARS + 1 && rambling.endsWith("…"), rambling);
        List<List<ChatMessage>> asked = new ArrayList<>();
        assertTrue(summary(FakeModels.writing("anything", asked), List.of())
                .endsWith("without saying anything the studio heard."));
        assertTrue(asked.isEmpty(), "an empty segment is not sent");
    }
}
