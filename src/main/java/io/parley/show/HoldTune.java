package io.parley.show;

import io.parley.audio.Pcm16;

/**
 * Composes the hold music that ships with Parley ({@code /show/hold-music.wav}): four bars of a soft I–vi–IV–V
 * progression in C, a pad of three sine voices under a plucked arpeggio, 16 seconds at 8 kHz that loop without a
 * seam. Written by this class alone, so the shipped file carries no one else's rights (see its NOTICE); the build
 * checks that the file is what this class makes.
 */
public final class HoldTune {

    static final int RATE = Pcm16.RATE_8K;
    static final double BAR_SECONDS = 4.0;
    /** MIDI notes of each bar's chord: C, Am, F, G (the G under the C of the loop's start). */
    private static final int[][] CHORDS = {{60, 64, 67}, {57, 60, 64}, {53, 57, 60}, {55, 59, 62}};
    private static final int NOTES_PER_BAR = 8;

    private HoldTune() {
    }

    /** The whole loop. */
    public static Pcm16 compose() {
        int barSamples = (int) (BAR_SECONDS * RATE);
        short[] out = new short[barSamples * CHORDS.length];
        for (int bar = 0; bar < CHORDS.length; bar++) {
            int[] chord = CHORDS[bar];
            int[] next = CHORDS[(bar + 1) % CHORDS.length];
            for (int i = 0; i < barSamples; i++) {
                double t = (double) i / RATE;
                double pad = pad(chord, bar * BAR_SECONDS + t);
                // the last quarter second glides into the next bar's pad, so that no bar ends in a step
                double glide = Math.max(0, (t - (BAR_SECONDS - 0.25)) / 0.25);
                if (glide > 0) {
                    pad = pad * (1 - glide) + pad(next, bar * BAR_SECONDS + t) * glide;
                }
                double pluck = pluck(chord, t);
                double v = 0.16 * pad + 0.22 * pluck;
                out[bar * barSamples + i] = (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
            }
        }
        return new Pcm16(RATE, out);
    }

    /** Three sine voices an octave down, with a slow swell. */
    private static double pad(int[] chord, double absolute) {
        double v = 0;
        for (int note : chord) {
            v += Math.sin(2 * Math.PI * hz(note - 12) * absolute);
        }
        double swell = 0.8 + 0.2 * Math.sin(2 * Math.PI * absolute / (BAR_SECONDS * CHORDS.length));
        return v / chord.length * swell;
    }

    /** An arpeggio up and down the chord, each note a decaying sine with its octave. */
    private static double pluck(int[] chord, double t) {
        double step = BAR_SECONDS / NOTES_PER_BAR;
        int index = (int) (t / step);
        double since = t - index * step;
        int[] pattern = {0, 1, 2, 1, 0, 1, 2, 1};
        int note = chord[pattern[index % pattern.length]] + (index % 4 == 2 ? 12 : 0);
        double attack = Math.min(1, since / 0.01);
        double decay = Math.exp(-since * 4.5);
        double f = hz(note);
        return attack * decay * (Math.sin(2 * Math.PI * f * since) + 0.3 * Math.sin(4 * Math.PI * f * since));
    }

    private static double hz(int midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }
}
