package io.parley.telephony;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/** At most {@code limit} events in any {@code window}; thread-safe. */
final class SlidingWindowLimit {

    private final int limit;
    private final long windowNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    SlidingWindowLimit(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Takes a place at {@code nowNanos}: empty if there was one, else how long until one frees up. */
    synchronized Optional<Duration> acquire(long nowNanos) {
        while (!times.isEmpty() && nowNanos - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        if (times.size() < limit) {
            times.addLast(nowNanos);
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(times.peekFirst() + windowNanos - nowNanos));
    }
}
