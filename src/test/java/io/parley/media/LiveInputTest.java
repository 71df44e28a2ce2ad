package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import org.junit.jupiter.api.Test;

class LiveInputTest {

    private final short[] frame = new short[Leg.FRAME_SAMPLES];

    private static short[] ramp(int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }

    private static void pushFrame(LiveInput input, int tag) {
        input.push(ramp(tag, Leg.FRAME_SAMPLES), 0, Leg.FRAME_SAMPLES);
    }

    @Test
    void audioOfAnyLengthLeavesInWholeFramesInOrder() {
        LiveInput input = new LiveInput(8);
        short[] samples = ramp(0, 400);
        input.push(samples, 0, 100);
        assertFalse(input.pop(frame), "no whole frame yet");
        assertEquals(0, input.stats().underruns(), "the wait at the start is no underrun");
        input.push(samples, 100, 300); // 400 samples: two whole frames and 80 over
        assertTrue(input.pop(frame));
        assertEquals(0, frame[0]);
        assertEquals(159, frame[159]);
        assertTrue(input.pop(frame));
        assertEquals(160, frame[0]);
        input.push(new Pcm16(Pcm16.RATE_8K, ramp(400, 80)));
        assertTrue(input.pop(frame), "a party whose frames come on time is heard a frame after they arrive");
        assertEquals(320, frame[0]);
        assertEquals(479, frame[159]);
    }

    @Test
    void runningDryPrimesTwoFramesSoOneLateFrameDoesNotSlipEveryOneAfterIt() {
        LiveInput input = new LiveInput(8);
        pushFrame(input, 0);
        assertTrue(input.pop(frame));
        assertFalse(input.pop(frame), "dry: silence");
        assertEquals(1, input.stats().underruns());
        pushFrame(input, 2000);
        assertFalse(input.pop(frame), "primes to two frames now");
        pushFrame(input, 3000);
        assertTrue(input.pop(frame));
        assertEquals(2000, frame[0]);
        assertEquals(1, input.stats().underruns(), "priming is one underrun, not one per frame");
    }

    @Test
    void afterTenCalmSecondsOneFrameIsEnoughAgain() {
        LiveInput input = new LiveInput(8);
        pushFrame(input, 0);
        assertTrue(input.pop(frame));
        assertFalse(input.pop(frame)); // dry: two frames from now on
        pushFrame(input, 1);
        pushFrame(input, 2);
        for (int i = 0; i < LiveInput.CALM_POPS + 60; i++) {
            assertTrue(input.pop(frame));
            pushFrame(input, 10 + i);
        }
        assertEquals(1, input.depth(), "calm for ten seconds: back to one frame of delay (the surplus one shed)");
        assertEquals(1, input.stats().shed());
        assertEquals(1, input.stats().underruns());
    }

    @Test
    void beyondItsDepthTheOldestAudioIsDropped() {
        LiveInput input = new LiveInput(3);
        for (int i = 0; i < 5; i++) {
            pushFrame(input, i * 1000);
        }
        assertEquals(3, input.depth());
        assertTrue(input.pop(frame));
        assertEquals(2000, frame[0], "frames 0 and 1 were dropped: the party is heard without the backlog");
        assertEquals(2, input.stats().dropped());
    }

    @Test
    void aBufferDeeperThanItNeedsShedsAFrameASecond() {
        LiveInput input = new LiveInput(8);
        for (int i = 0; i < 3; i++) {
            pushFrame(input, i);
        }
        for (int i = 0; i < 60; i++) {
            assertTrue(input.pop(frame));
            pushFrame(input, 100 + i);
        }
        assertEquals(1, input.stats().shed(), "three frames waiting where one is needed, for a second: one shed");
        assertEquals(2, input.depth());
    }

    @Test
    void aResetStartsAfresh() {
        LiveInput input = new LiveInput(4);
        pushFrame(input, 0);
        pushFrame(input, 1);
        input.reset();
        assertEquals(0, input.depth());
        assertFalse(input.pop(frame));
        assertEquals(0, input.stats().underruns());
    }

    @Test
    void wrongRateIsRefused() {
        LiveInput input = new LiveInput(3);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> input.push(Pcm16.silence(Pcm16.RATE_16K, 20)));
    }
}
