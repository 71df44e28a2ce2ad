package io.parley.sim;

import java.util.concurrent.atomic.AtomicLongArray;

/** Durations in 0.1 ms buckets up to 10 s (longer ones count as 10 s); thread-safe; percentiles by bucket. */
public final class Histogram {

    private static final int BUCKETS = 100_001;
    private static final long BUCKET_NANOS = 100_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet((int) Math.min(BUCKETS - 1, Math.max(0, nanos) / BUCKET_NANOS));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The duration in ms below which {@code p} (0..1) of the records fall; NaN when empty. */
    public double percentileMillis(double p) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return i * BUCKET_NANOS / 1e6;
            }
        }
        return (BUCKETS - 1) * BUCKET_NANOS / 1e6;
    }

    public double maxMillis() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i * BUCKET_NANOS / 1e6;
            }
        }
        return Double.NaN;
    }
}
