package io.parley.ops;

import io.parley.call.CallRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the application answers and the heap is not exhausted (above 95% of its maximum after the
 * collector had its chance, a restart is the only cure).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    static final double HEAP_LIMIT = 0.95;

    @Inject
    CallRegistry calls;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double used = heap.getMax() > 0 ? (double) heap.getUsed() / heap.getMax() : 0;
        return HealthCheckResponse.named("parley")
                .status(used < HEAP_LIMIT)
                .withData("heapUsedPercent", Math.round(used * 100))
                .withData("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .withData("activeCalls", calls.activeCount())
                .build();
    }
}
