package io.parley.call;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once a second, ends what would otherwise wait for ever: media streams that never sent {@code start}, and
 * calls whose stream never came ({@code parley.calls.stream-timeout-ms} after their last status change).
 */
@ApplicationScoped
public class CallJanitor {

    public static final String STREAM_TIMEOUT = "parley.calls.stream-timeout-ms";

    private static final Logger LOG = Logger.getLogger(CallJanitor.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CallSessions sessions;

    @Inject
    CallRegistry registry;

    @Inject
    @ConfigProperty(name = STREAM_TIMEOUT, defaultValue = "120000")
    long streamTimeoutMillis;

    private ScheduledFuture<?> sweeping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            sessions.closeUnstarted(System.nanoTime());
            registry.expire(Instant.now(), streamTimeout(), sessions::streaming);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweeping calls and streams failed; trying again in a second", e);
        }
    }

    public Duration streamTimeout() {
        return Duration.ofMillis(Math.max(1000, streamTimeoutMillis));
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}
