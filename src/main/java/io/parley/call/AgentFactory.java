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

    /** The stream parameter that picks the agent of one call (from the voice webhook's {@code ?agent=}). */
    public static final String AGENT_PARAMETER = "Agent";
    /** The agent that answers the call-in show's line (screening, the hold queue, voicemail). */
    public static final String SHOW_LINE = "show";

    /**
     * The agent for the call whose task is running: the one its stream asked for, else the configured one.
     *
     * @param requested the call's {@value #AGENT_PARAMETER} parameter, or null
     */
    public Agent create(String requested) {
        String name = requested == null || requested.isBlank() ? settings.agent() : requested.strip();
        Instance<Agent> named = agents.select(NamedLiteral.of(name));
        if (!named.isResolvable()) {
            throw new IllegalStateException("there is no agent named '" + name + "' (set "
                    + MediaSettings.AGENT + " or the webhook's ?agent= to one of " + known() + ")");
        }
        return named.get();
    }

    public boolean exists(String name) {
        return agents.select(NamedLiteral.of(name)).isResolvable();
    }

    public List<String> known() {
        return agents.handlesStream().map(h -> h.getBean().getName()).filter(Objects::nonNull).sorted().toList();
    }

    CurrentCall current() {
        return currentCall.get();
    }
}
