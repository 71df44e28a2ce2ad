package io.parley.ops;

import io.parley.store.Store;
import io.parley.store.WriteBehind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of Parley's memory. A database that is away keeps the server ready, with the reason and the
 * backlog in the data: calls go on and their writes queue, and every server of a cluster shares the database, so
 * taking them all out of service would drop callers. DOWN only while the backlog is full, when new writes are lost.
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    @Inject
    Store store;

    @Override
    public HealthCheckResponse call() {
        WriteBehind writes = store.writes();
        long lost = writes.lost();
        return HealthCheckResponse.named("database")
                .status(!writes.full())
                .withData("state", store.problem().orElse("writing"))
                .withData("backlog", writes.backlog())
                .withData("written", writes.written())
                .withData("lost", lost)
                .withData("server", store.serverId())
                .build();
    }
}
