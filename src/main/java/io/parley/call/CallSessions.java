package io.parley.call;

import io.parley.media.MediaClock;
import io.parley.media.PhoneOutput;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Every live media session, at most {@link MediaSettings#maxSessions()} of them. A session takes its call only
 * through the {@link StreamAdmission}: the call must be one Parley connected (its stream token), still active,
 * and without a stream. Sessions remove themselves when they end; server shutdown ends the rest.
 */
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

    @Inject
    StreamTokens tokens;

    /** Recording, when the application has it (the call core runs without it, as in its own tests). */
    @Inject
    Instance<CallRecorders> recorderBeans;

    private CallRecorders recorders = CallRecorders.NONE;

    private final Map<String, CallSession> live = new ConcurrentHashMap<>();
    private StreamAdmission admission;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();

    @PostConstruct
    void init() {
        admission = new StreamAdmission(tokens, registry);
        if (recorderBeans.isResolvable()) {
            recorders = recorderBeans.get();
        }
    }

    /**
     * A session for a newly opened media stream; it waits in CONNECTING for Twilio's {@code start}. Empty when
     * {@link MediaSettings#maxSessions()} streams are open already.
     */
    public Optional<CallSession> open(PhoneOutput out) {
        if (open.incrementAndGet() > settings.maxSessions()) {
            open.decrementAndGet();
            return Optional.empty();
        }
        String id = "media-" + opened.incrementAndGet();
        CallSession session = new CallSession(id, out,
                new CallSession.Services(pool, clock, registry, settings, this::agentFor, admission, this::remove,
                        recorders));
        live.put(id, session);
        return Optional.of(session);
    }

    /** Liberty's managed executor, for work a stream must not do on its own thread (closing a socket). */
    public Executor executor() {
        return pool;
    }

    /** The live session of a call, once its stream has started. */
    public Optional<CallSession> find(String callSid) {
        return admission.holder(callSid);
    }

    public boolean streaming(String callSid) {
        return admission.holder(callSid).isPresent();
    }

    public Collection<CallSession> all() {
        return List.copyOf(live.values());
    }

    public int size() {
        return live.size();
    }

    /** Closes the streams that have been open longer than the start timeout without Twilio's {@code start}. */
    public void closeUnstarted(long nowNanos) {
        long limit = settings.startTimeout().toNanos();
        for (CallSession session : live.values()) {
            if (session.awaitingStartSince(nowNanos) > limit) {
                session.startTimedOut(settings.startTimeout());
            }
        }
    }

    /** Runs inside the new call's context: binds {@link CurrentCall} and resolves that call's agent. */
    private Agent agentFor(CallControl call) {
        agents.current().bind(call);
        return agents.create(call.parameters().get(AgentFactory.AGENT_PARAMETER));
    }

    void remove(CallSession session) {
        if (live.remove(session.id()) != null) {
            open.decrementAndGet();
        }
        admission.release(session);
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
