package io.parley.ops;

import io.parley.call.CallBeans;
import io.parley.call.CallSessions;
import io.parley.call.SerialExecutor;
import io.parley.call.StreamTokens;
import io.parley.media.MediaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Media-session gauges for {@code /metrics}: live sessions and what each holds (executors, call contexts), so
 * that a leak shows, and the media clock's health (late ticks mean the server is short of CPU for pacing).
 */
@ApplicationScoped
public class MediaMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    CallSessions sessions;

    @Inject
    MediaClock clock;

    @Inject
    StreamTokens tokens;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(Metadata.builder().withName("parley.media.sessions")
                .withDescription("Media streams open now").build(), sessions, CallSessions::size);
        metrics.gauge(Metadata.builder().withName("parley.calls.awaiting.stream")
                .withDescription("Calls connected (TwiML answered) whose media stream has not started yet").build(),
                tokens, StreamTokens::waiting);
        metrics.gauge(Metadata.builder().withName("parley.media.executors")
                .withDescription("Per-call serial executors not yet shut down").build(), SerialExecutor::live);
        metrics.gauge(Metadata.builder().withName("parley.media.call.contexts")
                .withDescription("@CallScoped contexts not yet destroyed").build(), CallBeans::live);
        metrics.gauge(Metadata.builder().withName("parley.media.paced.streams")
                .withDescription("Outbound streams on the media clock").build(), clock, MediaClock::size);
        metrics.gauge(Metadata.builder().withName("parley.media.clock.late.ticks")
                .withDescription("Media clock ticks more than two periods late (CPU starvation)").build(),
                clock, MediaClock::lateTicks);
        metrics.gauge(Metadata.builder().withName("parley.media.clock.max.gap")
                .withDescription("Longest gap between media clock ticks").withUnit(MetricUnits.MILLISECONDS).build(),
                clock, MediaClock::maxTickGapMillis);
        metrics.gauge(Metadata.builder().withName("parley.media.clock.max.dispatch.delay")
                .withDescription("Longest time from a media clock tick to its sending")
                .withUnit(MetricUnits.MILLISECONDS).build(), clock, MediaClock::maxDispatchDelayMillis);
    }
}
