package io.parley.media;

/**
 * A count of latencies in whole milliseconds, 0 to 999 (or to a longer range of the owner's choosing; longer ones
 * in the last bucket), from which percentiles are exact to the millisecond. Thread-safe; adding is a lock and an
 * increment, no allocation.
 */
public final class LatencyFigures {

    private final long[] counts;
    private long total;
    private long max;

    public LatencyFigures() {
        this(1000);
    }

    /** Figures exact up to {@code rangeMillis} − 1 ms. */
    public LatencyFigures(int rangeMillis) {
        counts = new long[rangeMillis];
    }

    public synchronized void add(long nanos) {
        long millis = Math.max(0, nanos / 1_000_000);
        counts[(int) Math.min(counts.length - 1, millis)]++;
        total++;
        max = Math.max(max, millis);
    }

    /** Count, p50, p95, p99 and max in milliseconds. */
    public synchronized Summary summary() {
        return new Summary(total, percentile(0.50), percentile(0.95), percentile(0.99), max);
    }

    public synchronized void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    private long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i;
            }
        }
        return counts.length - 1;
    }

    public record Summary(long count, long p50, long p95, long p99, long max) {
    }
}
