package io.parley.audio;

import java.util.Arrays;

/** G.711 μ-law bytes at 8 kHz, mono: what Twilio sends and plays. The array is shared, not copied. */
public record MuLawAudio(byte[] data) implements Audio {

    public static final int SAMPLE_RATE = 8000;
    /** μ-law's code for a zero sample. */
    public static final byte SILENCE = (byte) 0xFF;

    public MuLawAudio {
        if (data == null) {
            throw new IllegalArgumentException("audio bytes are missing");
        }
    }

    public static MuLawAudio silence(int samples) {
        byte[] data = new byte[samples];
        Arrays.fill(data, SILENCE);
        return new MuLawAudio(data);
    }

    @Override
    public Encoding encoding() {
        return Encoding.MULAW;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int sampleCount() {
        return data.length;
    }

    public Pcm16 toPcm16() {
        short[] samples = new short[data.length];
        MuLaw.decode(data, 0, samples, 0, data.length);
        return new Pcm16(SAMPLE_RATE, samples);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MuLawAudio m && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MuLawAudio[" + data.length + " samples]";
    }
}
