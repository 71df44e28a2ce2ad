package it.io.parley;

import io.parley.call.CallScoped;
import jakarta.annotation.PreDestroy;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A per-call bean for {@link CallScopeIT}: its id tells instances apart, its destruction is counted. */
@CallScoped
public class CallProbe {

    static final AtomicInteger DESTROYED = new AtomicInteger();

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.incrementAndGet();
    }
}
