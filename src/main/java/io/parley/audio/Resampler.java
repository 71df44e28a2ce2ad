package io.parley.audio;

/**
 * Streaming sample-rate conversion by a rational factor (8 ⇄ 16 ⇄ 24 kHz) with a windowed-sinc low-pass
 * filter, so nothing above the lower rate's Nyquist frequency folds back as aliasing. Polyphase: each output
 * sample costs one short dot product. Keeps the tail of the previous chunk, so chunks join without clicks.
 * Not thread-safe: one per stream.
 */
public final class Resampler {

    /**
     * Filter length per unit of the larger of the two factors: with a Blackman window this puts the transition
     * band within about 10% of the lower rate, so the stop band starts right at its Nyquist frequency.
     */
    private static final int TAPS_PER_FACTOR = 48;

    private final int fromRate;
    private final int toRate;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    private final float[] filter;
    private final short[] history;
    /** Position of the next output sample, in units of 1/up input samples, relative to the chunk's start. */
    private long position;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int gcd = gcd(fromRate, toRate);
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.up = toRate / gcd;
        this.down = fromRate / gcd;
        this.tapsPerPhase = (TAPS_PER_FACTOR * Math.max(up, down) + up - 1) / up;
        this.filter = design(up, down, tapsPerPhase * up);
        this.history = new short[tapsPerPhase - 1];
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** The next chunk of the stream at the target rate; fails if the chunk is not at this resampler's input rate. */
    public Pcm16 process(Pcm16 input) {
        input.requireRate(fromRate);
        return new Pcm16(toRate, process(input.samples()));
    }

    /** Resamples a whole clip in one go (a fresh filter state, so it may be called on any thread). */
    public static Pcm16 convert(Pcm16 input, int toRate) {
        if (input.sampleRate() == toRate) {
            return input;
        }
        return new Resampler(input.sampleRate(), toRate).process(input);
    }

    /** Output samples for the next chunk of input; the total over a stream is input × to/from (±1). */
    public short[] process(short[] input) {
        int available = history.length + input.length;
        short[] x = new short[available];
        System.arraycopy(history, 0, x, 0, history.length);
        System.arraycopy(input, 0, x, history.length, input.length);

        long end = (long) input.length * up;
        int count = (int) Math.max(0, (end - position + down - 1) / down);
        short[] out = new short[count];
        for (int n = 0; n < count; n++) {
            long t = position;
            int base = (int) (t / up) + history.length;
            int phase = (int) (t % up);
            float acc = 0;
            for (int k = 0, tap = phase; k < tapsPerPhase; k++, tap += up) {
                acc += filter[tap] * x[base - k];
            }
            out[n] = clip(acc);
            position += down;
        }
        position -= end;
        System.arraycopy(x, available - history.length, history, 0, history.length);
        return out;
    }

    private static float[] design(int up, int down, int length) {
        double cutoff = 0.9 * 0.5 / Math.max(up, down); // of the upsampled rate, a little below Nyquist
        float[] h = new float[length];
        double center = (length - 1) / 2.0;
        for (int i = 0; i < length; i++) {
            double x = i - center;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (length - 1));
            h[i] = (float) (sinc * window * up); // gain `up` makes up for the zeros inserted between samples
        }
        return h;
    }

    private static short clip(float value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
