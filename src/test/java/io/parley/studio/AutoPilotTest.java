package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.store.Persona;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Auto mode's timing on a real scheduler with a short pause (100 ms) and cooldown (600 ms): a judgement only after
 * the pause, none while a person speaks, none inside the cooldown, one per turn.
 */
class AutoPilotTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<StudioTurn> turns = new CopyOnWriteArrayList<>();
    private final List<String> responded = new CopyOnWriteArrayList<>();
    private final List<Long> judgedAt = new CopyOnWriteArrayList<>();
    private volatile boolean someoneSpeaking;
    private volatile boolean aiTalking;

    /** The rule's model (it does not understand): the host's questions make Max speak. */
    private final LanguageModel rule = new LanguageModel() {
        @Override
        public String describe() {
            return "no model";
        }

        @Override
        public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
            throw new UnsupportedOperationException();
        }
    };

    private final AutoPilot pilot = new AutoPilot(scheduler, () -> {
        judgedAt.add(System.nanoTime());
        return rule;
    }, new AutoPilot.Floor() {
        @Override
        public boolean someoneSpeaking() {
            return someoneSpeaking;
        }

        @Override
        public boolean aiTalking() {
            return aiTalking;
        }

        @Override
        public List<StudioTurn> recent() {
            return new ArrayList<>(turns);
        }

        @Override
        public Optional<Persona> candidate(StudioTurn lastTurn) {
            return Optional.of(TurnJudgeTest.MAX);
        }

        @Override
        public void respond(Persona persona, long speechEndedNanos) {
            responded.add(persona.name());
        }
    }, 100, 600);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void hostSays(String text) throws InterruptedException {
        someoneSpeaking = true;
        pilot.personStarted();
        Thread.sleep(50);
        someoneSpeaking = false;
        pilot.personStopped(System.nanoTime());
        turns.add(TurnJudgeTest.turn(turns.size() + 1, Speaker.HOST, text));
        pilot.personSaid(System.nanoTime());
    }

    @Test
    void manualModeNeverJudges() throws Exception {
        hostSays("what do you think max");
        Thread.sleep(300);
        assertTrue(judgedAt.isEmpty());
        assertTrue(responded.isEmpty());
    }

    @Test
    void afterThePauseTheJudgeIsAskedOnceAndThePersonaSpeaks() throws Exception {
        pilot.auto(true);
        long said = System.nanoTime();
        hostSays("what do you think max");
        Thread.sleep(400);
        assertEquals(List.of("Max"), responded);
        assertEquals(1, judgedAt.size(), "one judgement per turn");
        assertTrue(judgedAt.get(0) - said >= 100_000_000L, "not before the pause");
        assertEquals(1, pilot.decisions().size());
        assertTrue(pilot.decisions().get(0).spoke());
    }

    @Test
    void speechCancelsAPendingJudgementAndAStatementIsLetPass() throws Exception {
        pilot.auto(true);
        hostSays("what do you think max");
        someoneSpeaking = true;
        pilot.personStarted();
        Thread.sleep(300);
        assertTrue(judgedAt.isEmpty(), "a person speaking: nothing is judged");
        someoneSpeaking = false;
        pilot.personStopped(System.nanoTime());
        turns.add(TurnJudgeTest.turn(2, Speaker.HOST, "anyway the rain stopped"));
        pilot.personSaid(System.nanoTime());
        Thread.sleep(300);
        assertEquals(1, judgedAt.size());
        assertTrue(responded.isEmpty(), "a statement after one turn: the rule stays quiet");
        assertFalse(pilot.decisions().get(0).spoke());
    }

    @Test
    void theCooldownHoldsTheNextJudgementBackUntilItEnds() throws Exception {
        pilot.auto(true);
        pilot.aiFinished(System.nanoTime());
        long ended = System.nanoTime();
        hostSays("what do you think max");
        Thread.sleep(300);
        assertTrue(judgedAt.isEmpty(), "inside the cooldown nothing is judged");
        Thread.sleep(500);
        assertEquals(1, judgedAt.size());
        assertTrue(judgedAt.get(0) - ended >= 600_000_000L, "judged once the cooldown was over");
        assertEquals(List.of("Max"), responded);
    }

    @Test
    void noPersonaStartsWhileAnotherAiVoiceSpeaks() throws Exception {
        pilot.auto(true);
        aiTalking = true;
        hostSays("what do you think max");
        Thread.sleep(300);
        assertTrue(responded.isEmpty());
    }
}
