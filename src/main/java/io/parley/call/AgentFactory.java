package io.parley.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;

/**
 * Finds the agent {@code parley.agent} names among the {@code @Named} {@link Agent} beans. Agents are
 * {@code @CallScoped}: asked for inside a call's task, the factory hands out that call's instance.
 */
@ApplicationScoped
public class AgentFactory {

    @Inject
    @Any
    Instance<Agent> agents;

    @Inject
    Instance<CurrentCall> currentCall;

    @Inject
    MediaSettings settings;

    /** The configured agent for the call whose task is running. */
    public Agent create() {
        Instance<Agent> named = agents.select(NamedLiteral.of(settings.agent()));
        if (!named.isResolvable()) {
            throw new IllegalStateException("there is no agent named '" + settings.agent() + "' (set "
                    + MediaSettings.AGENT + " to one of " + known() + ")");
        }
        return named.get();
    }

    public List<String> known() {
        return agents.handlesStream().map(h -> h.getBean().getName()).filter(Objects::nonNull).sorted().toList();
    }

    CurrentCall current() {
        return currentCall.get();
    }
}
