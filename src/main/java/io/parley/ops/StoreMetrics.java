package io.parley.ops;

import io.parley.store.Store;
import io.parley.store.WriteBehind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The write-behind path into the database, in figures: what waits, what landed, what was lost. */
@ApplicationScoped
public class StoreMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    Store store;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        WriteBehind writes = store.writes();
        metrics.gauge(Metadata.builder().withName("parley.store.backlog")
                .withDescription("Database writes queued or being written now").build(), writes, WriteBehind::backlog);
        metrics.gauge(Metadata.builder().withName("parley.store.backlog.max")
                .withDescription("The largest database write backlog since the start").build(),
                writes, WriteBehind::largestBacklog);
        metrics.gauge(Metadata.builder().withName("parley.store.writes")
                .withDescription("Database writes that landed since the start").build(), writes, WriteBehind::written);
        metrics.gauge(Metadata.builder().withName("parley.store.writes.lost")
                .withDescription("Database writes lost since the start: the backlog was full, or a stop could not "
                        + "flush it").build(), writes, WriteBehind::lost);
        metrics.gauge(Metadata.builder().withName("parley.store.failed.batches")
                .withDescription("Write batches the database refused or failed (each is retried)").build(),
                writes, WriteBehind::failedBatches);
    }
}
