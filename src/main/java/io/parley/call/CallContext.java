package io.parley.call;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.annotation.Annotation;

/**
 * The CDI context behind {@link CallScoped}: active on a thread while it runs a call's tasks (see
 * {@link #runIn}), with that call's {@link CallBeans}.
 */
public final class CallContext implements AlterableContext {

    private static final ThreadLocal<CallBeans> CURRENT = new ThreadLocal<>();

    /** Runs {@code task} with {@code beans} as the active call context, restoring whatever was active before. */
    public static void runIn(CallBeans beans, Runnable task) {
        CallBeans previous = CURRENT.get();
        CURRENT.set(beans);
        try {
            task.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return CallScoped.class;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return current().get(contextual, creationalContext);
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return current().get(contextual);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        current().destroy(contextual);
    }

    @Override
    public boolean isActive() {
        CallBeans beans = CURRENT.get();
        return beans != null && !beans.isDestroyed();
    }

    private static CallBeans current() {
        CallBeans beans = CURRENT.get();
        if (beans == null || beans.isDestroyed()) {
            throw new ContextNotActiveException("@CallScoped beans are only available on a call's executor");
        }
        return beans;
    }
}
