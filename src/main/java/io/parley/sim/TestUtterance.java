package io.parley.sim;

import io.parley.audio.Pcm16;

/**
 * A built-in stand-in for speech when no WAV is given: syllables of a pulse train at a gliding pitch, shaped by
 * two formant resonators, at 16 kHz (so the simulator's resampling is exercised too). Not words, but it has
 * speech's pitch, spectrum and pauses, which is what a line test needs.
 */
public final class TestUtterance {

    private static final int RATE = Pcm16.RATE_16K;
    /** Formant pairs (Hz) of a few vowels: a, i, u, e, o. */
    private static final int[][] VOWELS = {{730, 1090}, {270, 2290}, {300, 870}, {530, 1840}, {570, 840}};

    private TestUtterance() {
    }

    /** About two seconds: eight syllables of 180 ms with 70 ms pauses, and a 300 ms pause in the middle. */
    public static Pcm16 create() {
        int syllable = RATE * 180 / 1000;
        int gap = RATE * 70 / 1000;
        int total = 8 * (syllable + gap) + RATE * 300 / 1000;
        short[] out = new short[total];
        int pos = 0;
        double phase = 0;
        for (int s = 0; s < 8; s++) {
            if (s == 4) {
                pos += RATE * 300 / 1000;
            }
            int[] formants = VOWELS[s % VOWELS.length];
            Resonator f1 = new Resonator(formants[0], 90);
            Resonator f2 = new Resonator(formants[1], 110);
            for (int i = 0; i < syllable; i++) {
                double t = (double) i / syllable;
                double pitch = 120 + 40 * Math.sin(Math.PI * (t + s * 0.3));
                phase += pitch / RATE;
                double pulse = 0;
                if (phase >= 1) {
                    phase -= 1;
                    pulse = 1;
                }
                double envelope = Math.sin(Math.PI * t);
                double y = f1.next(pulse) + 0.6 * f2.next(pulse);
                out[pos + i] = (short) Math.max(-32000, Math.min(32000, 2200 * envelope * y));
            }
            pos += syllable + gap;
        }
        return new Pcm16(RATE, out);
    }

    /** A two-pole resonance at {@code hz} with bandwidth {@code bandwidth} Hz. */
    private static final class Resonator {
        private final double a1;
        private final double a2;
        private final double gain;
        private double y1;
        private double y2;

        Resonator(double hz, double bandwidth) {
            double r = Math.exp(-Math.PI * bandwidth / RATE);
            a1 = 2 * r * Math.cos(2 * Math.PI * hz / RATE);
            a2 = -r * r;
            gain = 1 - r;
        }

        double next(double x) {
            double y = gain * x + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            return y * 20;
        }
    }
}
