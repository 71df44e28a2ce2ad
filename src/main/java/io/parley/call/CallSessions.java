package io.parley.call;

import io.parley.telephony.media.MediaClock;
import io.parley.telephony.media.MediaLink;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** Every live media session. Sessions remove themselves when they end; server shutdown ends the rest. */
@ApplicationScoped
public class CallSessions {

    private static final Logger LOG = Logger.getLogger(CallSessions.class.getName());

    @Resource
    ManagedExecutorService pool;

    @Inject
    MediaClock clock;

    @Inject
    CallRegistry registry;

    @Inject
    MediaSettings settings;

    @Inject
    AgentFactory agents;

    private final Map<String, CallSession> live = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();

    /** A session for a newly opened media stream; it waits in CONNECTING for Twilio's {@code start}. */
    public CallSession open(MediaLink link) {
        String id = "media-" + opened.incrementAndGet();
        CallSession session = new CallSession(id, link,
                new CallSession.Services(pool, clock, registry, settings, this::agentFor, this::remove));
        live.put(id, session);
        return session;
    }

    /** Liberty's managed executor, for work a stream must not do on its own thread (closing a socket). */
    public java.util.concurrent.Executor executor() {
        return pool;
    }

    /** The live session of a call, once its stream has started. */
    public Optional<CallSession> find(String callSid) {
        return live.values().stream().filter(s -> callSid.equals(s.callSid())).findFirst();
    }

    public Collection<CallSession> all() {
        return List.copyOf(live.values());
    }

    public int size() {
        return live.size();
    }

    /** Runs inside the new call's context: binds {@link CurrentCall} and resolves that call's agent. */
    private Agent agentFor(CallControl call) {
        agents.current().bind(call);
        return agents.create(call.parameters().get(AgentFactory.AGENT_PARAMETER));
    }

    void remove(CallSession session) {
        live.remove(session.id());
    }

    @PreDestroy
    void shutdown() {
        if (!live.isEmpty()) {
            LOG.info(() -> "Ending " + live.size() + " media sessions: the server is stopping");
        }
        for (CallSession session : all()) {
            session.shutdown();
        }
    }
}
