package io.parley.call;

import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code @CallScoped} bean instances of one call, destroyed together when the call ends. */
public final class CallBeans {

    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final Logger LOG = Logger.getLogger(CallBeans.class.getName());

    private final String owner;
    private final Map<Contextual<?>, Instance<?>> instances = new ConcurrentHashMap<>();
    private volatile boolean destroyed;

    public CallBeans(String owner) {
        this.owner = owner;
        LIVE.incrementAndGet();
    }

    /** Call contexts not yet destroyed, over the whole application. */
    public static int live() {
        return LIVE.get();
    }

    <T> T get(Contextual<T> bean, CreationalContext<T> creation) {
        if (destroyed) {
            throw new IllegalStateException("the call context of " + owner + " has ended");
        }
        @SuppressWarnings("unchecked")
        Instance<T> instance = (Instance<T>) instances.computeIfAbsent(bean,
                b -> new Instance<>(bean, bean.create(creation), creation));
        return instance.value();
    }

    <T> T get(Contextual<T> bean) {
        @SuppressWarnings("unchecked")
        Instance<T> instance = (Instance<T>) instances.get(bean);
        return instance == null ? null : instance.value();
    }

    void destroy(Contextual<?> bean) {
        Instance<?> instance = instances.remove(bean);
        if (instance != null) {
            instance.destroy();
        }
    }

    /**
     * Destroys every instance (their {@code @PreDestroy} runs, with the context still active); idempotent. Call it
     * on the call's executor.
     */
    public void destroyAll() {
        if (destroyed) {
            return;
        }
        for (Contextual<?> bean : instances.keySet()) {
            try {
                destroy(bean);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A call-scoped bean of " + owner + " failed to close", e);
            }
        }
        destroyed = true;
        instances.clear();
        LIVE.decrementAndGet();
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private record Instance<T>(Contextual<T> bean, T value, CreationalContext<T> creation) {
        void destroy() {
            bean.destroy(value, creation);
        }
    }
}
