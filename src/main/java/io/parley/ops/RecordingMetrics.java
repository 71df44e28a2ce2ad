package io.parley.ops;

import io.parley.recording.Recordings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The recording writer in figures: what waits for the disk, what was finished, what was lost. */
@ApplicationScoped
public class RecordingMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    Recordings recordings;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(Metadata.builder().withName("parley.recording.backlog")
                .withDescription("Audio frames and events queued for the recording writer now").build(),
                recordings, Recordings::backlog);
        metrics.gauge(Metadata.builder().withName("parley.recording.dropped")
                .withDescription("Audio frames and events left out of recordings since the start because the "
                        + "writer's queue was full (the disk far behind)").build(), recordings, Recordings::droppedEvents);
        metrics.gauge(Metadata.builder().withName("parley.recordings.finished")
                .withDescription("Recordings finished since the start").build(), recordings,
                Recordings::finishedRecordings);
        metrics.gauge(Metadata.builder().withName("parley.recording.failures")
                .withDescription("Recordings stopped early by a disk error since the start").build(), recordings,
                Recordings::failures);
    }
}
