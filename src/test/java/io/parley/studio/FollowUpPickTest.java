package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import io.parley.store.Persona;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowUpPickTest {

    private static final Persona DOT = new Persona(2, "Dot", Persona.Role.CALLER, "v", "kevin16-high",
            "You are Dot, a retired lighthouse keeper who loves weather, ships and the sea.");
    private static final Persona VINCE = new Persona(3, "Vince", Persona.Role.CALLER, "v", "kevin16-low",
            "You are Vince, a jazz drummer with strong opinions about music and musicians.");
    private static final Segment KATE = new Segment("CA" + "3".repeat(32), "Kate", "music", Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60), "Kate told the host about twenty years of playing the cello with musicians"
            + " in her town.");
    private static final Segment ALF = new Segment("CA" + "4".repeat(32), "Alf", "", Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60), "Alf called and said: \"hello\"");

    private static FollowUpPick.Pick pick(String answer, List<List<ChatMessage>> asked, Segment segment) {
        return FollowUpPick.pick(FakeModels.answering(answer, asked), segment, List.of(DOT, VINCE), Map.of())
                .toCompletableFuture().join();
    }

    @Test
    void theRulePicksTheCallerWhoseStyleSharesTheSubjectThenTheOneWhoFollowedUpLeast() {
        FollowUpPick.Pick music = FollowUpPick.rule(KATE, List.of(DOT, VINCE), Map.of());
        assertEquals("Vince", music.persona().name());
        assertTrue(music.why().contains("shares 2 words"), music.why());

        assertEquals("Dot", FollowUpPick.rule(ALF, List.of(DOT, VINCE), Map.of()).persona().name(), "a tie: the first");
        FollowUpPick.Pick least = FollowUpPick.rule(ALF, List.of(DOT, VINCE), Map.of(2L, 1));
        assertEquals("Vince", least.persona().name(), "a tie: the one who followed up least");
        assertTrue(least.why().contains("followed up least"), least.why());
    }

    @Test
    void theModelPicksByNameAndIsBelievedOnlyWhenItNamesACandidate() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        FollowUpPick.Pick picked = pick("Sure: {\"persona\": \"dot\"}", asked, KATE);
        assertEquals("Dot", picked.persona().name());
        assertEquals("the model picked Dot", picked.why());
        String prompt = asked.get(0).get(0).content();
        assertTrue(prompt.contains("Earlier in the show Kate, on music: " + KATE.summary()), prompt);
        assertTrue(prompt.contains("- Dot: You are Dot, a retired") && prompt.contains("- Vince: You are Vince"), prompt);

        FollowUpPick.Pick stranger = pick("{\"persona\": \"Gordon\"}", new ArrayList<>(), KATE);
        assertEquals("Vince", stranger.persona().name());
        assertTrue(stranger.why().endsWith("(the model named no candidate)"), stranger.why());
        FollowUpPick.Pick number = pick("{\"persona\": 3}", new ArrayList<>(), KATE);
        assertEquals("Vince", number.persona().name());
        FollowUpPick.Pick failed = pick(null, new ArrayList<>(), KATE);
        assertEquals("Vince", failed.persona().name());
        assertTrue(failed.why().endsWith("(the model failed)"), failed.why());
    }

    @Test
    void oneCandidateIsNotAQuestion() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        assertEquals("Dot", FollowUpPick.pick(FakeModels.answering("{\"persona\": \"Vince\"}", asked), KATE,
                List.of(DOT), Map.of()).toCompletableFuture().join().persona().name());
        assertTrue(asked.isEmpty());
    }
}
