package io.parley.show;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import org.junit.jupiter.api.Test;

class HoldTuneTest {

    @Test
    void theShippedHoldMusicIsWhatHoldTuneComposes() {
        Pcm16 shipped = HoldAudio.shipped();
        Pcm16 composed = HoldTune.compose();
        assertEquals(Pcm16.RATE_8K, shipped.sampleRate());
        assertArrayEquals(composed.samples(), shipped.samples(),
                "hold-music.wav is HoldTune's own output (its NOTICE says so); regenerate it if HoldTune changes");
        assertNotNull(HoldTuneTest.class.getResource("/show/hold-music.wav.NOTICE.md"), "its licence ships with it");
    }

    @Test
    void itIsAudibleAndLoopsWithoutAClick() {
        short[] s = HoldTune.compose().samples();
        assertEquals(16 * 8000, s.length);
        double rms = Math.sqrt(java.util.Arrays.stream(toInts(s)).mapToDouble(v -> (double) v * v).average().orElse(0));
        assertTrue(rms > 1000 && rms < 8000, "a comfortable level: rms " + rms);
        int seam = Math.abs(s[s.length - 1] - s[0]);
        int typicalStep = 0;
        for (int i = 1; i < s.length; i++) {
            typicalStep = Math.max(typicalStep, Math.abs(s[i] - s[i - 1]));
        }
        assertTrue(seam <= typicalStep, "the loop's seam (" + seam + ") is no bigger a step than the tune's own ("
                + typicalStep + ")");
    }

    @Test
    void slicesWrapRoundTheLoop() {
        byte[] loop = HoldAudio.prepare(HoldTune.compose(), 0);
        HoldAudio audio = new HoldAudio();
        audio.settings = null;
        java.lang.reflect.Field f;
        try {
            f = HoldAudio.class.getDeclaredField("loop");
            f.setAccessible(true);
            f.set(audio, loop);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        byte[] wrapped = audio.slice(loop.length - 10, 20).data();
        for (int i = 0; i < 10; i++) {
            assertEquals(loop[loop.length - 10 + i], wrapped[i]);
            assertEquals(loop[i], wrapped[10 + i]);
        }
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }
}
