package io.parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static short[] tone(double hz, int rate, double seconds, double amplitude) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** RMS level in dB of the middle half, away from the filter's start-up. */
    private static double levelDb(short[] s) {
        double sum = 0;
        int from = s.length / 4;
        int to = 3 * s.length / 4;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return 10 * Math.log10(sum / (to - from) + 1e-9);
    }

    /** Resamples in 20 ms chunks, as a stream would. */
    private static short[] resampleInChunks(short[] input, int from, int to) {
        Resampler resampler = new Resampler(from, to);
        int chunk = from / 50;
        short[] out = new short[0];
        for (int i = 0; i < input.length; i += chunk) {
            short[] part = new short[Math.min(chunk, input.length - i)];
            System.arraycopy(input, i, part, 0, part.length);
            short[] got = resampler.process(part);
            short[] joined = new short[out.length + got.length];
            System.arraycopy(out, 0, joined, 0, out.length);
            System.arraycopy(got, 0, joined, out.length, got.length);
            out = joined;
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"8000,16000", "16000,8000", "24000,8000", "8000,24000", "16000,24000", "24000,16000"})
    void aOneKilohertzToneKeepsItsLevelWithinOneDecibel(int from, int to) {
        short[] input = tone(1000, from, 1.0, 10000);
        short[] output = resampleInChunks(input, from, to);
        assertTrue(Math.abs(output.length - input.length * (long) to / from) <= 1, "length " + output.length);
        double change = levelDb(output) - levelDb(input);
        assertTrue(Math.abs(change) <= 1.0, from + " -> " + to + ": level changed by " + change + " dB");
    }

    @ParameterizedTest
    @CsvSource({"16000,8000,6000", "24000,8000,5000", "24000,16000,10000", "16000,8000,4500"})
    void aToneAboveTheTargetNyquistIsAttenuatedByFortyDecibels(int from, int to, int hz) {
        short[] input = tone(hz, from, 1.0, 10000);
        short[] output = resampleInChunks(input, from, to);
        double attenuation = levelDb(input) - levelDb(output);
        assertTrue(attenuation >= 40, hz + " Hz at " + from + " -> " + to + " attenuated only " + attenuation + " dB");
    }

    @ParameterizedTest
    @CsvSource({"8000,16000", "16000,8000"})
    void chunkBoundariesLeaveNoTrace(int from, int to) {
        short[] input = tone(440, from, 0.5, 12000);
        short[] whole = new Resampler(from, to).process(input);
        short[] chunked = resampleInChunks(input, from, to);
        assertEquals(whole.length, chunked.length);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], chunked[i], "sample " + i);
        }
    }
}
