package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import org.junit.jupiter.api.Test;

class LiveInputTest {

    private static short[] ramp(int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }

    @Test
    void audioOfAnyLengthLeavesInWholeFramesInOrder() {
        LiveInput input = new LiveInput(8);
        short[] samples = ramp(0, 400);
        input.push(samples, 0, 100);
        input.push(samples, 100, 300); // 400 samples: two whole frames and 80 over
        short[] frame = new short[Leg.FRAME_SAMPLES];
        assertTrue(input.pop(frame));
        assertEquals(0, frame[0]);
        assertEquals(159, frame[159]);
        assertTrue(input.pop(frame));
        assertEquals(160, frame[0]);
        assertFalse(input.pop(frame), "the last 80 samples wait for the rest of their frame");
        input.push(new Pcm16(Pcm16.RATE_8K, ramp(400, 80)));
        assertTrue(input.pop(frame));
        assertEquals(320, frame[0]);
        assertEquals(479, frame[159]);
    }

    @Test
    void beyondItsDepthTheOldestAudioIsDropped() {
        LiveInput input = new LiveInput(3);
        for (int i = 0; i < 5; i++) {
            input.push(ramp(i * 1000, Leg.FRAME_SAMPLES), 0, Leg.FRAME_SAMPLES);
        }
        assertEquals(3, input.depth());
        short[] frame = new short[Leg.FRAME_SAMPLES];
        assertTrue(input.pop(frame));
        assertEquals(2000, frame[0], "frames 0 and 1 were dropped: the party is heard without the backlog");
        assertEquals(2, input.stats().dropped());
    }

    @Test
    void underrunsCountOnlyOnceAudioFlows() {
        LiveInput input = new LiveInput(3);
        short[] frame = new short[Leg.FRAME_SAMPLES];
        assertFalse(input.pop(frame));
        assertEquals(0, input.stats().underruns(), "a party who has not spoken yet is not missing audio");
        input.push(ramp(0, Leg.FRAME_SAMPLES), 0, Leg.FRAME_SAMPLES);
        assertTrue(input.pop(frame));
        assertFalse(input.pop(frame));
        assertEquals(1, input.stats().underruns());
        input.reset();
        assertFalse(input.pop(frame));
        assertEquals(1, input.stats().underruns(), "after a reset the party starts afresh");
    }

    @Test
    void wrongRateIsRefused() {
        LiveInput input = new LiveInput(3);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> input.push(Pcm16.silence(Pcm16.RATE_16K, 20)));
    }
}
