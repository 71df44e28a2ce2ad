package io.parley.audio;

import java.util.Arrays;

/** Cuts the silence a voice puts before its first sound, keeping a few milliseconds before the onset. */
public final class LeadingSilence {

    /** About -40 dBFS: quieter than any speech sound, louder than a voice's digital silence and dither. */
    static final int THRESHOLD = 330;
    static final int KEEP_MILLIS = 10;

    private LeadingSilence() {
    }

    /** The audio from just before its first sound; empty if it is all silence. */
    public static Pcm16 trim(Pcm16 audio) {
        short[] samples = audio.samples();
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) > THRESHOLD) {
                int from = Math.max(0, i - audio.sampleRate() * KEEP_MILLIS / 1000);
                return from == 0 ? audio : new Pcm16(audio.sampleRate(), Arrays.copyOfRange(samples, from, samples.length));
            }
        }
        return new Pcm16(audio.sampleRate(), new short[0]);
    }
}
