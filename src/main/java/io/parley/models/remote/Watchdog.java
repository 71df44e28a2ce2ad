package io.parley.models.remote;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Times one streamed response: the first chunk must come within the first-byte timeout, and each later chunk
 * within the idle timeout of the one before. When either passes, the stream is failed with a
 * {@link StreamStalledException}. Thread-safe: chunks arrive on the HTTP client's threads.
 */
final class Watchdog {

    private final ScheduledExecutorService scheduler;
    private final Duration firstByte;
    private final Duration idle;
    private final Consumer<StreamStalledException> onStall;
    private ScheduledFuture<?> pending;
    private boolean started;
    private boolean stopped;

    Watchdog(ScheduledExecutorService scheduler, Duration firstByte, Duration idle, Consumer<StreamStalledException> onStall) {
        this.scheduler = scheduler;
        this.firstByte = firstByte;
        this.idle = idle;
        this.onStall = onStall;
    }

    synchronized void start(String what) {
        arm(firstByte, "no " + what + " within " + firstByte.toMillis() + " ms");
    }

    /** A chunk arrived: the idle timer starts again. */
    synchronized void chunk(String what) {
        started = true;
        arm(idle, "no " + what + " for " + idle.toMillis() + " ms in the middle of the stream");
    }

    synchronized boolean started() {
        return started;
    }

    synchronized void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void arm(Duration after, String message) {
        if (stopped) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(() -> {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
            }
            onStall.accept(new StreamStalledException(message));
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }
}
