package io.parley.logging;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At most one log line a second for one source of complaints (a stream, a filter), with a count of the lines
 * held back, so a hostile client cannot flood the log. Thread-safe.
 */
public final class ThrottledLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger logger;
    private long last = System.nanoTime() - INTERVAL_NANOS;
    private long suppressed;

    public ThrottledLog(Logger logger) {
        this.logger = logger;
    }

    public void warning(Supplier<String> message) {
        log(Level.WARNING, message);
    }

    public void log(Level level, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        String line;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - last < INTERVAL_NANOS) {
                suppressed++;
                return;
            }
            last = now;
            line = message.get() + (suppressed > 0 ? " (" + suppressed + " similar lines held back)" : "");
            suppressed = 0;
        }
        logger.log(level, line);
    }
}
