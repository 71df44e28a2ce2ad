package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import io.parley.store.Persona;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnJudgeTest {

    static final Persona MAX = new Persona(1, "Max", Persona.Role.CO_HOST, "v", "kevin16", "style");
    private static final Speaker KATE = Speaker.caller("Kate", "CA" + "1".repeat(32));

    static StudioTurn turn(long seq, Speaker who, String text) {
        return new StudioTurn(seq, who, text, Instant.EPOCH, Instant.EPOCH, false, null);
    }

    @Test
    void theRuleSpeaksWhenNamedOrAskedOrLeftOutLong() {
        assertTrue(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "what do you make of that max"))).speak());
        assertTrue(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "how did that happen"))).speak());
        assertTrue(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "It rained all day?"))).speak());
        assertFalse(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "it rained all day"))).speak());
        assertFalse(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "maximum effort today"))).speak(),
                "a word that starts with the name is not the name");
        assertTrue(TurnJudge.rule(MAX, List.of(turn(1, Speaker.HOST, "it rained"), turn(2, KATE, "it did"),
                turn(3, Speaker.HOST, "all day long"))).speak(), "three turns of people in a row");
        assertFalse(TurnJudge.rule(MAX, List.of(turn(1, Speaker.persona("Max", 1), "Hello there"))).speak(),
                "nobody spoke since the AI");
    }

    @Test
    void aModelThatUnderstandsIsAskedWithTheLatestLinesAndBelieved() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        List<StudioTurn> recent = List.of(turn(1, Speaker.HOST, "what do you think max"), turn(2, KATE, "yes max"));
        TurnJudge.Verdict no = TurnJudge.judge(FakeModels.answering("{\"speak\": false}", asked), MAX, recent)
                .toCompletableFuture().join();
        assertFalse(no.speak(), "the model's no is believed over the rule's yes");
        assertEquals("the model said no", no.why());
        assertEquals("Host: what do you think max\nKate: yes max", asked.get(0).get(1).content());
        assertTrue(asked.get(0).get(0).content().contains("{\"speak\": true or false}"));

        assertTrue(TurnJudge.judge(FakeModels.answering("Sure! ```{\"speak\": true}```", asked), MAX, recent)
                .toCompletableFuture().join().speak());
    }

    @Test
    void aModelThatFailsOrAnswersNonsenseLeavesItToTheRule() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        List<StudioTurn> named = List.of(turn(1, Speaker.HOST, "over to you max"));
        TurnJudge.Verdict failed = TurnJudge.judge(FakeModels.answering(null, asked), MAX, named).toCompletableFuture().join();
        assertTrue(failed.speak());
        assertTrue(failed.why().contains("the model failed"), failed.why());
        TurnJudge.Verdict nonsense = TurnJudge.judge(FakeModels.answering("{\"speak\": \"maybe\"}", asked), MAX, named)
                .toCompletableFuture().join();
        assertTrue(nonsense.speak());
        assertTrue(nonsense.why().contains("not yes or no"), nonsense.why());
    }
}
