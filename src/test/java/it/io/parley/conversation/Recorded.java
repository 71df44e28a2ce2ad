package it.io.parley.conversation;

import io.parley.audio.Pcm16;
import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Assertions;

/** A call recording read back with the JDK's WAV reader, and where each channel is loud, in 20 ms steps. */
final class Recorded {

    /** RMS above which 20 ms hold speech; the simulator's silence and Parley's are digital silence. */
    static final double LOUD = 300;
    private static final int STEP = 160;

    private Recorded() {
    }

    static short[][] channels(byte[] wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            Assertions.assertEquals(2, f.getChannels(), f.toString());
            Assertions.assertEquals(8000f, f.getSampleRate(), f.toString());
            Assertions.assertEquals(16, f.getSampleSizeInBits(), f.toString());
            byte[] pcm = in.readAllBytes();
            short[][] channels = new short[2][pcm.length / 4];
            for (int i = 0; i < pcm.length / 4; i++) {
                channels[0][i] = (short) ((pcm[4 * i] & 0xff) | pcm[4 * i + 1] << 8);
                channels[1][i] = (short) ((pcm[4 * i + 2] & 0xff) | pcm[4 * i + 3] << 8);
            }
            return channels;
        }
    }

    static Pcm16 channel(short[] samples) {
        return new Pcm16(8000, samples);
    }

    /** The start (ms) of the first loud 20 ms at or after {@code fromMillis}; fails when there is none. */
    static int firstLoud(short[] samples, int fromMillis) {
        for (int i = fromMillis * 8 / STEP * STEP; i + STEP <= samples.length; i += STEP) {
            if (rms(samples, i) > LOUD) {
                return i / 8;
            }
        }
        throw new AssertionError("nothing loud after " + fromMillis + " ms");
    }

    /** The end (ms) of the loud run that starts at {@code fromMillis}: the last loud 20 ms before 600 ms of quiet. */
    static int lastLoudOfRun(short[] samples, int fromMillis) {
        int last = fromMillis * 8;
        for (int i = fromMillis * 8 / STEP * STEP; i + STEP <= samples.length; i += STEP) {
            if (rms(samples, i) > LOUD) {
                last = i + STEP;
            } else if (i - last >= 600 * 8) {
                break;
            }
        }
        return last / 8;
    }

    /** The share of 20 ms steps in [from, to) ms that are loud. */
    static double loudness(short[] samples, int fromMillis, int toMillis) {
        int loud = 0;
        int steps = 0;
        for (int i = fromMillis * 8 / STEP * STEP; i + STEP <= Math.min(samples.length, toMillis * 8); i += STEP) {
            steps++;
            if (rms(samples, i) > LOUD) {
                loud++;
            }
        }
        return steps == 0 ? 0 : (double) loud / steps;
    }

    private static double rms(short[] samples, int from) {
        double sum = 0;
        for (int i = from; i < from + STEP; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / STEP);
    }
}
