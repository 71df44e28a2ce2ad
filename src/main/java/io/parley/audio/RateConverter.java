package io.parley.audio;

/**
 * Brings a stream of audio chunks to one sample rate, whatever rate they come at: chunks already at the rate
 * pass through, others go through an anti-aliasing {@link Resampler} that keeps its filter state between
 * chunks (and is replaced if the incoming rate changes). One per stream; not thread-safe.
 */
public final class RateConverter {

    private final int toRate;
    private Resampler resampler;

    public RateConverter(int toRate) {
        this.toRate = toRate;
    }

    public Pcm16 convert(Pcm16 chunk) {
        if (chunk.sampleRate() == toRate) {
            return chunk;
        }
        if (resampler == null || resampler.fromRate() != chunk.sampleRate()) {
            resampler = new Resampler(chunk.sampleRate(), toRate);
        }
        return resampler.process(chunk);
    }
}
