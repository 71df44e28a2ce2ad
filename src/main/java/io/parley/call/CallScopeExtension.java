package io.parley.call;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/** Registers the {@link CallScoped} context with CDI (listed in {@code META-INF/services}). */
public class CallScopeExtension implements Extension {

    void addCallContext(@Observes AfterBeanDiscovery discovery) {
        discovery.addContext(new CallContext());
    }
}
