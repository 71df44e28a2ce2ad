package io.parley.audio;

import java.util.Arrays;

/**
 * Linear 16-bit mono samples at a known rate. The array is shared, not copied: treat it as read-only once
 * handed over.
 */
public record Pcm16(int sampleRate, short[] samples) implements Audio {

    public static final int RATE_8K = 8000;
    public static final int RATE_16K = 16000;
    public static final int RATE_24K = 24000;

    public Pcm16 {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (samples == null) {
            throw new IllegalArgumentException("samples are missing");
        }
    }

    public static Pcm16 silence(int sampleRate, int millis) {
        return new Pcm16(sampleRate, new short[sampleRate * millis / 1000]);
    }

    @Override
    public Encoding encoding() {
        return Encoding.PCM16;
    }

    @Override
    public int sampleCount() {
        return samples.length;
    }

    /** The same audio in μ-law; only 8 kHz audio can be, as μ-law here means Twilio's 8 kHz. */
    public MuLawAudio toMuLaw() {
        requireRate(RATE_8K);
        byte[] bytes = new byte[samples.length];
        MuLaw.encode(samples, 0, bytes, 0, samples.length);
        return new MuLawAudio(bytes);
    }

    /** Fails with a message naming both rates unless this audio is at {@code expected} Hz. */
    public Pcm16 requireRate(int expected) {
        if (sampleRate != expected) {
            throw new IllegalArgumentException("audio is at " + sampleRate + " Hz where " + expected
                    + " Hz is needed: resample it first");
        }
        return this;
    }

    public Pcm16 append(Pcm16 other) {
        other.requireRate(sampleRate);
        short[] joined = Arrays.copyOf(samples, samples.length + other.samples.length);
        System.arraycopy(other.samples, 0, joined, samples.length, other.samples.length);
        return new Pcm16(sampleRate, joined);
    }

    /** Root-mean-square level relative to full scale, in dBFS (-∞ for digital silence). */
    public double rmsDbfs() {
        return Levels.rmsDbfs(samples, 0, samples.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pcm16 p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Pcm16[" + sampleRate + " Hz, " + samples.length + " samples]";
    }
}
