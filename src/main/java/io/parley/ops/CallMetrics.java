package io.parley.ops;

import io.parley.call.CallEvent;
import io.parley.call.CallRegistry;
import io.parley.call.Direction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Call counts for {@code /metrics}: {@code parley_calls_started_total} and {@code parley_calls_ended_total}
 * by direction, and the {@code parley_calls_active} gauge. Both directions are registered at start-up, so the
 * series exist (at zero) before the first call.
 */
@ApplicationScoped
public class CallMetrics {

    static final Metadata STARTED = Metadata.builder().withName("parley.calls.started")
            .withDescription("Calls Parley has learned of, by direction").build();
    static final Metadata ENDED = Metadata.builder().withName("parley.calls.ended")
            .withDescription("Calls that reached a final status, by direction").build();
    static final Metadata ACTIVE = Metadata.builder().withName("parley.calls.active")
            .withDescription("Calls not yet in a final status").build();

    @Inject
    MetricRegistry metrics;

    @Inject
    CallRegistry calls;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (Direction direction : Direction.values()) {
            counter(STARTED, direction);
            counter(ENDED, direction);
        }
        metrics.gauge(ACTIVE, calls, CallRegistry::activeCount);
    }

    void started(@Observes CallEvent.Started event) {
        counter(STARTED, event.call().direction()).inc();
    }

    void ended(@Observes CallEvent.Ended event) {
        counter(ENDED, event.call().direction()).inc();
    }

    private Counter counter(Metadata metadata, Direction direction) {
        return metrics.counter(metadata, new Tag("direction", direction.label()));
    }
}
