package io.parley.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;
import io.parley.call.Direction;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallSummarizerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static CallRecord call(String... callerSaid) {
        CallRecord call = CallRecord.newCall("CA" + "0".repeat(31) + "9", Direction.INBOUND, "+15551230000",
                "+15005550006", T0).withTurn(new ConversationTurn("agent", "Hello, this is Parley.", T0, false, null,
                null, null, null));
        for (String said : callerSaid) {
            call = call.withTurn(new ConversationTurn("caller", said, T0.plusSeconds(3), false, null, null, null, null))
                    .withTurn(new ConversationTurn("agent", "Noted.", T0.plusSeconds(5), false, null, null, null, null));
        }
        return call;
    }

    private static LanguageModel answering(String answer, List<List<ChatMessage>> asked) {
        return new LanguageModel() {
            @Override
            public String describe() {
                return "test model";
            }

            @Override
            public Reply reply(List<ChatMessage> conversation, java.util.function.Consumer<String> text) {
                asked.add(conversation);
                return Reply.of(CompletableFuture.completedFuture(answer), () -> { });
            }
        };
    }

    @Test
    void withoutAModelTheCallersOwnWordsAreTheSummary() {
        CallNotes notes = CallSummarizer.notes(call("my name is ada", "what time do you open on saturday"),
                Optional.empty()).toCompletableFuture().join().orElseThrow();
        assertEquals("The caller said: \"my name is ada / what time do you open on saturday\"", notes.summary());
        assertEquals(Optional.of("Ada"), notes.name());
    }

    @Test
    void aCallInWhichTheCallerSaidNothingHasNoNotes() {
        assertEquals(Optional.empty(), CallSummarizer.notes(call(), Optional.empty()).toCompletableFuture().join());
    }

    @Test
    void theModelIsGivenTheTranscriptAndItsTwoLinesAreRead() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        CallNotes notes = CallSummarizer.notes(call("hi it's about my order", "ada"),
                Optional.of(answering("Name: Ada\nSummary: Ada asked where her order is; told it ships Monday.",
                        asked))).toCompletableFuture().join().orElseThrow();
        assertEquals("Ada asked where her order is; told it ships Monday.", notes.summary());
        assertEquals(Optional.of("Ada"), notes.name());
        String transcript = asked.get(0).get(1).content();
        assertTrue(transcript.startsWith("Agent: Hello, this is Parley.\nCaller: hi it's about my order\n"), transcript);
        assertEquals(PostCallNotes.PROMPT, asked.get(0).get(0).content());
    }

    @Test
    void anUnknownNameFromTheModelFallsBackToWhatTheCallerSaid() {
        CallNotes notes = CallSummarizer.fromModel("Name: unknown\nSummary: Asked about hours.", Optional.of("Grace"));
        assertEquals(Optional.of("Grace"), notes.name());
        assertEquals("Asked about hours.", notes.summary());
        assertEquals("Just some prose.", CallSummarizer.fromModel("Just some prose.", Optional.empty()).summary());
    }

    @Test
    void aModelThatFailsLeavesTheCallersOwnWords() {
        LanguageModel failing = new LanguageModel() {
            @Override
            public String describe() {
                return "failing model";
            }

            @Override
            public Reply reply(List<ChatMessage> conversation, java.util.function.Consumer<String> text) {
                return Reply.of(CompletableFuture.failedFuture(new IllegalStateException("HTTP 503")), () -> { });
            }
        };
        CallNotes notes = CallSummarizer.notes(call("i'm grace"), Optional.of(failing)).toCompletableFuture().join()
                .orElseThrow();
        assertEquals("The caller said: \"i'm grace\"", notes.summary());
        assertEquals(Optional.of("Grace"), notes.name());
    }
}
