package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.conversation.IdleWatch.Prompt;
import org.junit.jupiter.api.Test;

class IdleWatchTest {

    private final IdleWatch watch = new IdleWatch(new IdleWatch.Settings(8000, 10_000, "Still there?", "Bye."));

    @Test
    void checksInThenSaysGoodbyeOnce() {
        watch.agentActive(2000);
        assertEquals(Prompt.NONE, watch.quiet(9_999));
        assertEquals(Prompt.CHECK_IN, watch.quiet(10_000));
        assertEquals(Prompt.NONE, watch.quiet(10_020), "once");
        watch.agentActive(11_500); // the check-in was spoken until here
        assertEquals(Prompt.NONE, watch.quiet(21_499));
        assertEquals(Prompt.GOODBYE, watch.quiet(21_500));
        assertEquals(Prompt.NONE, watch.quiet(40_000), "the call is ending");
    }

    @Test
    void theCallerSpeakingStartsOver() {
        watch.agentActive(0);
        assertEquals(Prompt.CHECK_IN, watch.quiet(8000));
        watch.callerActive(9000);
        assertEquals(Prompt.NONE, watch.quiet(16_999));
        assertEquals(Prompt.CHECK_IN, watch.quiet(17_000), "a new silence gets a new check-in, not the goodbye");
    }

    @Test
    void zeroTurnsAStepOff() {
        IdleWatch never = new IdleWatch(new IdleWatch.Settings(0, 0, "", ""));
        assertEquals(Prompt.NONE, never.quiet(1_000_000));
    }
}
