package io.parley.call;

import io.parley.audio.MuLawAudio;
import io.parley.logging.LogSafe;
import io.parley.logging.ThrottledLog;
import io.parley.telephony.media.MalformedMessageException;
import io.parley.telephony.media.MediaClock;
import io.parley.telephony.media.MediaLink;
import io.parley.telephony.media.OutboundAudio;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call's media session. The WebSocket thread only parses a message and hands the event to the session's
 * {@link SerialExecutor}; everything else (state, the agent, audio going out) happens on that executor, one
 * task at a time, inside the call's {@link CallScoped} context. The state machine is {@link CallState}.
 */
public final class CallSession implements CallControl {

    /** WebSocket close codes (RFC 6455). */
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int UNSUPPORTED_DATA = 1003;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;

    static final int TRY_AGAIN_LATER = 1013;

    /**
     * Largest text message accepted: a 64 KiB payload in base64 plus its envelope, so that an oversized payload
     * still reaches the parser and is refused with its reason; anything larger ends the stream (1009). Enforced
     * here, while a message arrives in parts ({@link #receive(String, boolean)}): Liberty applies its own limit
     * to each frame, not to a message sent as many continuation frames.
     */
    public static final int MAX_MESSAGE_CHARS = 96 * 1024;
    /** The close reason a refused {@code start} gets; the log says which check it failed. */
    static final String START_REFUSED = "start refused: this stream is not bound to a call Parley is connecting";

    private static final Logger LOG = Logger.getLogger(CallSession.class.getName());

    /** Decides whether a stream's {@code start} may take its call. */
    @FunctionalInterface
    public interface Admission {
        /** Null when the stream may take the call (it is then this session's), else why not, for the log. */
        String admit(CallSession session, StreamEvent.Start start);
    }

    /** What a session needs from the application. */
    public record Services(Executor pool, MediaClock clock, CallRegistry registry, MediaSettings settings,
                           Function<CallControl, Agent> agents, Admission admission, Consumer<CallSession> ended,
                           CallRecorders recorders) {
    }

    private final String id;
    private final MediaLink link;
    private final Services services;
    private final SerialExecutor executor;
    private final CallBeans beans;
    private final InboundGuard guard;
    private final ThrottledLog complaints = new ThrottledLog(LOG);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    /** A message arriving in parts, on the WebSocket thread; null between messages. */
    private StringBuilder assembling;
    /** The rest of a message over the limit is ignored until its last part. */
    private boolean discardingRest;

    // written on the executor, read by anyone
    private volatile CallState state = CallState.CONNECTING;
    private volatile String reason;
    private volatile StreamEvent.Start start;
    private volatile OutboundAudio audio;
    private CallRecorder recorder = CallRecorder.NONE;
    private volatile long framesIn;
    private volatile long inboundDropped;
    /** Counted on the WebSocket thread and on the executor. */
    private final AtomicLong refused = new AtomicLong();
    private final StringBuffer dtmf = new StringBuffer();
    private Agent agent;
    private long lastFrameArrival;
    private volatile boolean finished;

    public CallSession(String id, MediaLink link, Services services) {
        this.id = id;
        this.link = link;
        this.services = services;
        this.beans = new CallBeans(id);
        this.executor = new SerialExecutor(id, services.pool(), services.settings().inboundQueueFrames(),
                batch -> CallContext.runIn(beans, batch));
        this.guard = new InboundGuard(System.nanoTime());
    }

    public String id() {
        return id;
    }

    // ---- the WebSocket side: parse, check, hand off; never wait ----

    /**
     * Part of a text message (a WebSocket frame of it), on the WebSocket thread. The parts are kept only up to
     * {@link #MAX_MESSAGE_CHARS} in all: a message that grows beyond it ends the stream at once (1009), and its
     * remaining parts are dropped as they come, so its size never reaches the heap.
     */
    public void receive(String part, boolean last) {
        if (discardingRest) {
            discardingRest = !last;
            return;
        }
        if (assembling == null && last) {
            receive(part);
            return;
        }
        int sofar = assembling == null ? 0 : assembling.length();
        if (sofar + (long) part.length() > MAX_MESSAGE_CHARS) {
            assembling = null;
            discardingRest = !last;
            tooBig(sofar + (long) part.length() + (last ? "" : " characters and more"));
            return;
        }
        if (assembling == null) {
            assembling = new StringBuilder(Math.max(1024, part.length() * 2));
        }
        assembling.append(part);
        if (last) {
            String message = assembling.toString();
            assembling = null;
            receive(message);
        }
    }

    /** A whole text message from Twilio. Called on the WebSocket thread. */
    public void receive(String message) {
        if (ended.get()) {
            return;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            tooBig(message.length() + " characters");
            return;
        }
        InboundGuard.Verdict verdict = guard.admit(System.nanoTime());
        if (verdict != InboundGuard.Verdict.ACCEPT) {
            inboundDropped++;
            complaints.warning(() -> who() + ": messages arriving faster than real time; dropping them");
            if (verdict == InboundGuard.Verdict.CLOSE) {
                fail(POLICY_VIOLATION, "media arriving far faster than real time");
            }
            return;
        }
        StreamEvent event;
        try {
            event = TwilioMessages.parse(message);
        } catch (MalformedMessageException e) {
            refuse(e.getMessage());
            return;
        } catch (RuntimeException e) {
            // TwilioMessages turns every fault into MalformedMessageException (the fuzz test holds it to that);
            // should one slip through, the stream still only loses the message.
            LOG.log(Level.FINE, "Unexpected parser failure", e);
            refuse("unreadable message");
            return;
        }
        accept(event);
    }

    private void tooBig(String size) {
        if (ended.get()) {
            return;
        }
        refused.incrementAndGet();
        LOG.warning(() -> who() + ": a message of " + size + "; the limit is " + MAX_MESSAGE_CHARS);
        fail(MESSAGE_TOO_BIG, "message over " + MAX_MESSAGE_CHARS / 1024 + " KiB");
    }

    /** An event already parsed (the endpoint, tests). Media beyond the inbound queue's capacity is dropped. */
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Media media) {
            long arrived = System.nanoTime();
            if (!executor.offer(() -> onMedia(media, arrived))) {
                inboundDropped++;
                complaints.warning(() -> who() + ": the call is " + executor.queued()
                        + " frames behind; dropping caller audio");
            }
        } else {
            executor.execute(() -> onControl(event));
        }
    }

    /** A binary frame: not part of Twilio's protocol. */
    public void receiveBinary(int length) {
        refused.incrementAndGet();
        complaints.warning(() -> who() + ": binary frame of " + length + " bytes; media streams are JSON text");
        fail(UNSUPPORTED_DATA, "binary frames are not part of the media-stream protocol");
    }

    /** The WebSocket has closed (from either side). */
    public void closed(int code, String why) {
        executor.execute(() -> {
            if (start == null || code == NORMAL || code == GOING_AWAY) {
                end(CallState.ENDED, "stream closed without stop (" + code + describe(why) + ")", NORMAL);
            } else {
                end(CallState.FAILED, "stream lost (" + code + describe(why) + ")", NORMAL);
            }
        });
    }

    /** The WebSocket failed (reset, send failure); the session ends. */
    public void failed(Throwable error) {
        LOG.log(Level.FINE, "Media stream error", error);
        executor.execute(() -> end(CallState.FAILED, "stream error: the connection failed", INTERNAL_ERROR));
    }

    /** Nanoseconds this stream has been open without a {@code start}; 0 once it has one (or has ended). */
    long awaitingStartSince(long nowNanos) {
        return start != null || ended.get() ? 0 : nowNanos - openedNanos;
    }

    /** Twilio sends {@code start} right after opening the stream: one that has not come is not coming. */
    void startTimedOut(Duration limit) {
        fail(POLICY_VIOLATION, "no start within " + limit.toMillis() + " ms");
    }

    /** The server is stopping: end now, on the caller's thread, as the pool may be gone. */
    public void shutdown() {
        CallContext.runIn(beans, () -> end(CallState.ENDED, "server shutting down", GOING_AWAY));
    }

    private void refuse(String problem) {
        refused.incrementAndGet();
        complaints.warning(() -> who() + ": refused a message: " + problem);
        if (guard.refuse() == InboundGuard.Verdict.CLOSE) {
            fail(POLICY_VIOLATION, "too many malformed messages");
        }
    }

    private void fail(int code, String why) {
        executor.execute(() -> end(CallState.FAILED, why, code));
    }

    // ---- the executor side ----

    private void onMedia(StreamEvent.Media media, long arrivedNanos) {
        if (start == null) {
            refused.incrementAndGet();
            complaints.warning(() -> who() + ": media before start; ignored");
            return;
        }
        if (state.isFinal()) {
            return;
        }
        framesIn++;
        lastFrameArrival = arrivedNanos;
        recorder.callerAudio(media.timestamp(), arrivedNanos, media.payload());
        agent.hear(new MuLawAudio(media.payload()).toPcm16());
    }

    private void onControl(StreamEvent event) {
        if (state.isFinal()) {
            return;
        }
        if (event instanceof StreamEvent.Start s) {
            onStart(s);
        } else if (event instanceof StreamEvent.Stop) {
            end(CallState.ENDED, "stop", NORMAL);
        } else if (event instanceof StreamEvent.Mark mark) {
            if (audio != null && audio.markEchoed(mark.name()) && agent != null) {
                agent.heard(mark.name());
            }
        } else if (event instanceof StreamEvent.Dtmf d) {
            if (start != null) {
                dtmf.append(d.digit());
                agent.dtmf(d.digit());
            }
        } else if (event instanceof StreamEvent.Unknown u) {
            LOG.fine(() -> who() + ": ignored unknown event " + LogSafe.quoted(u.event()));
        }
    }

    private void onStart(StreamEvent.Start s) {
        if (start != null) {
            refused.incrementAndGet();
            complaints.warning(() -> who() + ": a second start (call " + LogSafe.text(s.callSid()) + ", stream "
                    + LogSafe.text(s.streamSid()) + "); ignored, the stream keeps its first");
            return;
        }
        String refusal = services.admission().admit(this, s);
        if (refusal != null) {
            refused.incrementAndGet();
            LOG.warning(() -> who() + ": " + START_REFUSED + ": " + refusal);
            end(CallState.FAILED, START_REFUSED, POLICY_VIOLATION);
            return;
        }
        start = withoutToken(s);
        StreamEvent.MediaFormat format = s.mediaFormat();
        if (!"audio/x-mulaw".equals(format.encoding()) || format.sampleRate() != 8000 || format.channels() != 1) {
            end(CallState.FAILED, "unsupported media format " + LogSafe.text(format.encoding()) + " at "
                    + format.sampleRate() + " Hz, " + format.channels() + " channels (Twilio streams audio/x-mulaw at"
                    + " 8000 Hz, 1 channel)", UNSUPPORTED_DATA);
            return;
        }
        Map<String, String> p = start.customParameters();
        CallRecord call = services.registry().report(s.callSid(), Direction.fromTwilio(p.get("Direction")),
                p.get("From"), p.get("To"), CallStatus.IN_PROGRESS, Optional.empty());
        recorder = startRecording(call);
        audio = new OutboundAudio(s.streamSid(), link, services.settings().playback(),
                why -> executor.execute(() -> end(CallState.FAILED, why, POLICY_VIOLATION)), System::nanoTime, recorder);
        services.clock().add(audio);
        moveTo(CallState.LISTENING);
        String agentName = Optional.ofNullable(p.get(AgentFactory.AGENT_PARAMETER)).filter(a -> !a.isBlank())
                .orElse(services.settings().agent());
        try {
            agent = services.agents().apply(this);
            agent.start(this);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, who() + ": the agent '" + LogSafe.text(agentName) + "' could not start", e);
            end(CallState.FAILED, "the agent could not start", INTERNAL_ERROR);
            return;
        }
        LOG.info(() -> who() + ": stream " + s.streamSid() + " started, agent '" + LogSafe.text(agentName) + "'");
    }

    /** The call's recording, from now on; a recorder that cannot start leaves the call unrecorded, not dropped. */
    private CallRecorder startRecording(CallRecord call) {
        try {
            return services.recorders().open(call, System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, who() + ": the recording could not start; the call goes on unrecorded", e);
            return CallRecorder.NONE;
        }
    }

    /** The start as the agent sees it: the stream token has done its work and goes no further. */
    private static StreamEvent.Start withoutToken(StreamEvent.Start s) {
        Map<String, String> parameters = new LinkedHashMap<>(s.customParameters());
        parameters.remove(StreamTokens.PARAMETER);
        return new StreamEvent.Start(s.sequenceNumber(), s.streamSid(), s.accountSid(), s.callSid(), s.tracks(),
                s.mediaFormat(), Map.copyOf(parameters));
    }

    private void end(CallState finalState, String why, int closeCode) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        state = finalState;
        reason = why;
        if (audio != null) {
            services.clock().remove(audio);
            audio.close();
        }
        recorder.finish();
        if (agent != null) {
            try {
                agent.end();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, who() + ": the agent failed to end cleanly", e);
            }
        }
        beans.destroyAll();
        link.close(closeCode, finalState == CallState.ENDED ? "call ended" : why);
        MediaStats stats = stats();
        if (start != null) {
            services.registry().mediaEnded(start.callSid(), stats);
        }
        services.ended().accept(this);
        executor.shutdown();
        finished = true;
        Level level = finalState == CallState.FAILED ? Level.WARNING : Level.INFO;
        LOG.log(level, () -> who() + ": media " + finalState.name().toLowerCase() + " (" + why + "): " + stats.framesIn()
                + " frames in, " + stats.framesOut() + " out, " + stats.marksEchoed() + "/" + stats.marksSent()
                + " marks echoed" + (stats.framesDropped() > 0 ? ", " + stats.framesDropped() + " frames dropped" : "")
                + (stats.refused() > 0 ? ", " + stats.refused() + " messages refused" : "")
                + (stats.dtmf().isEmpty() ? "" : ", digits " + stats.dtmf()));
    }

    // ---- CallControl ----

    @Override
    public String callSid() {
        StreamEvent.Start s = start;
        return s == null ? null : s.callSid();
    }

    @Override
    public String streamSid() {
        StreamEvent.Start s = start;
        return s == null ? null : s.streamSid();
    }

    @Override
    public Map<String, String> parameters() {
        StreamEvent.Start s = start;
        return s == null ? Map.of() : s.customParameters();
    }

    @Override
    public OutboundAudio audio() {
        return audio;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void moveTo(CallState next) {
        if (next.isFinal() || !state.canMoveTo(next)) {
            if (next != state) {
                LOG.warning(() -> who() + ": refused move " + state + " -> " + next);
            }
            return;
        }
        state = next;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<String> recordingNotice() {
        return recorder.notice();
    }

    @Override
    public long frameArrivedNanos() {
        return lastFrameArrival;
    }

    @Override
    public void hangUp(String why) {
        executor.execute(() -> end(CallState.ENDED, why, NORMAL));
    }

    /** Whether the session has ended and let go of everything it held. */
    public boolean isEnded() {
        return finished;
    }

    public MediaStats stats() {
        OutboundAudio out = audio;
        OutboundAudio.Stats o = out == null ? new OutboundAudio.Stats(0, 0, 0, 0, 0, 0, 0, 0) : out.stats();
        return new MediaStats(streamSid(), state, reason, framesIn, o.framesSent(), inboundDropped + o.framesDropped(),
                o.marksSent(), o.marksEchoed(), o.clears(), o.markRoundTripMillisAvg(), refused.get(), dtmf.toString());
    }

    private String who() {
        String sid = callSid();
        return "Call " + (sid == null ? "(stream " + id + ", before start)" : sid);
    }

    private static String describe(String why) {
        return why == null || why.isBlank() ? "" : ": " + LogSafe.text(why);
    }
}
