package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.conversation.BargeIn.Verdict;
import org.junit.jupiter.api.Test;

class BargeInTest {

    @Test
    void speechLongEnoughYieldsWhileTheCallerIsStillSpeaking() {
        BargeIn policy = new BargeIn(new BargeIn.Settings(300, 0));
        assertFalse(policy.pending());
        policy.onset(10_000);
        assertTrue(policy.pending());
        assertEquals(Verdict.UNDECIDED, policy.speaking(10_200, ""));
        assertEquals(Verdict.YIELD, policy.speaking(10_300, ""));
    }

    @Test
    void aShortSoundIsAFalseAlarm() {
        BargeIn policy = new BargeIn(new BargeIn.Settings(300, 0));
        policy.onset(10_000);
        assertEquals(Verdict.RESUME, policy.paused(10_180), "a cough of 180 ms");
        policy.onset(20_000);
        assertEquals(Verdict.YIELD, policy.paused(20_400));
    }

    @Test
    void withMinimumWordsTheTranscriptDecides() {
        BargeIn policy = new BargeIn(new BargeIn.Settings(200, 2));
        policy.onset(0);
        assertEquals(Verdict.UNDECIDED, policy.speaking(500, "mm"), "one word is not enough");
        assertEquals(Verdict.YIELD, policy.speaking(600, "wait stop"));
        assertEquals(Verdict.UNDECIDED, policy.paused(700), "no partials (a remote STT): wait for the transcript");
        assertEquals(Verdict.RESUME, policy.transcribed(700, "mm-hmm"), "\"mm-hmm\" is a single word");
        assertEquals(Verdict.RESUME, policy.transcribed(700, ""), "a door: no words");
        assertEquals(Verdict.YIELD, policy.transcribed(700, "no, tuesday"));
        assertEquals(Verdict.YIELD, policy.transcribed(700, null), "transcription failed: the length decides");
        assertEquals(Verdict.RESUME, policy.transcribed(150, "no, tuesday"), "too short all the same");
    }

    @Test
    void nothingIsDecidedWithoutAPendingInterruption() {
        BargeIn policy = new BargeIn(BargeIn.Settings.defaults());
        assertEquals(Verdict.UNDECIDED, policy.speaking(5000, "hello there"));
        assertEquals(Verdict.UNDECIDED, policy.paused(5000));
        policy.onset(0);
        policy.reset();
        assertEquals(Verdict.UNDECIDED, policy.transcribed(5000, "hello there"));
    }

    @Test
    void wordsAreCountedInAnyScript() {
        assertEquals(0, BargeIn.words("  ...  "));
        assertEquals(1, BargeIn.words("mm-hmm"));
        assertEquals(3, BargeIn.words("Don't do that!"));
        assertEquals(2, BargeIn.words("très bien"));
    }
}
