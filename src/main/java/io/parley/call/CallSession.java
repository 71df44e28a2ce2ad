package io.parley.call;

import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.logging.LogSafe;
import io.parley.logging.ThrottledLog;
import io.parley.media.MediaClock;
import io.parley.media.MixingRoom;
import io.parley.media.OutboundAudio;
import io.parley.media.PhoneOutput;
import java.time.Duration;
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
 * One call's media session, whatever the carrier's wire: its adapter (Twilio's, in {@code telephony}) parses each
 * message on the WebSocket thread and hands the event to the session, which queues it on its
 * {@link SerialExecutor}; everything else (state, the agent, audio going out) happens on that executor, one
 * task at a time, inside the call's {@link CallScoped} context. The state machine is {@link CallState}.
 */
public final class CallSession implements CallControl {

    /** WebSocket close codes (RFC 6455), which the carrier's adapter uses too. */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    static final int TRY_AGAIN_LATER = 1013;

    /** The close reason a refused {@code start} gets; the log says which check it failed. */
    static final String START_REFUSED = "start refused: this stream is not bound to a call Parley is connecting";

    private static final Logger LOG = Logger.getLogger(CallSession.class.getName());

    /** Decides whether a stream's {@code start} may take its call. */
    @FunctionalInterface
    public interface Admission {
        /** Null when the stream may take the call (it is then this session's), else why not, for the log. */
        String admit(CallSession session, StreamStart start);
    }

    /** What a session needs from the application. */
    public record Services(Executor pool, MediaClock clock, CallRegistry registry, MediaSettings settings,
                           Function<CallControl, Agent> agents, Admission admission, Consumer<CallSession> ended,
                           CallRecorders recorders) {
    }

    private final String id;
    private final PhoneOutput out;
    private final Services services;
    private final SerialExecutor executor;
    private final CallBeans beans;
    private final ThrottledLog complaints = new ThrottledLog(LOG);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();

    // written on the executor, read by anyone
    private volatile CallState state = CallState.CONNECTING;
    private volatile String reason;
    private volatile StreamStart start;
    private volatile OutboundAudio audio;
    private CallRecorder recorder = CallRecorder.NONE;
    private volatile long framesIn;
    private final AtomicLong inboundDropped = new AtomicLong();
    /** Counted on the WebSocket thread and on the executor. */
    private final AtomicLong refused = new AtomicLong();
    private final StringBuffer dtmf = new StringBuffer();
    private Agent agent;
    /** The caller's leg while they are in a mixing room; null while only the agent hears them. */
    private volatile PhoneLeg leg;
    private volatile MixingRoom room;
    private long lastFrameArrival;
    private volatile boolean finished;

    public CallSession(String id, PhoneOutput out, Services services) {
        this.id = id;
        this.out = out;
        this.services = services;
        this.beans = new CallBeans(id);
        this.executor = new SerialExecutor(id, services.pool(), services.settings().inboundQueueFrames(),
                batch -> CallContext.runIn(beans, batch));
    }

    public String id() {
        return id;
    }

    // ---- the wire side: the carrier's adapter hands events over on its own thread; nothing here waits ----

    /** The stream has started (the carrier's first real message): the session takes its call, or refuses it. */
    public void start(StreamStart s) {
        executor.execute(() -> onControl(() -> onStart(s)));
    }

    /**
     * Caller audio, μ-law at 8 kHz, usually one 20 ms frame. Media beyond the inbound queue's capacity is dropped.
     *
     * @param streamMillis where it belongs in the stream (the carrier's timestamp)
     * @param arrivedNanos when it arrived ({@link System#nanoTime()})
     *
     * <p>While the caller is in a room, the frame also goes straight to their leg from here, a copy into its
     * jitter buffer: the room must hear them on time, whatever the call's executor is busy with.
     */
    public void media(long streamMillis, byte[] mulaw, long arrivedNanos) {
        PhoneLeg inRoom = room != null ? leg : null;
        Pcm16 decoded = null;
        if (inRoom != null && start != null) {
            // Straight to the room's jitter buffer (a copy under a short lock): the room hears the caller on time
            // even while the call's executor is busy (transcribing, say). The agent gets the same decoded frame.
            decoded = new MuLawAudio(mulaw).toPcm16();
            inRoom.said(decoded, arrivedNanos);
        }
        Pcm16 pcm = decoded;
        if (!executor.offer(() -> onMedia(streamMillis, mulaw, pcm, arrivedNanos))) {
            inboundDropped.incrementAndGet();
            complaints.warning(() -> who() + ": the call is " + executor.queued()
                    + " frames behind; dropping caller audio");
        }
    }

    /** The carrier echoed a mark: what was sent before it has played (or was cleared). */
    public void played(String mark) {
        executor.execute(() -> onControl(() -> {
            if (audio != null && audio.markEchoed(mark) && agent != null) {
                agent.heard(mark);
            }
        }));
    }

    /** The caller pressed a key. */
    public void dtmf(String digit) {
        executor.execute(() -> onControl(() -> {
            if (start != null) {
                this.dtmf.append(digit);
                agent.dtmf(digit);
            }
        }));
    }

    /** The carrier ended the stream: the call is over. */
    public void stop() {
        executor.execute(() -> onControl(() -> end(CallState.ENDED, "stop", NORMAL)));
    }

    /**
     * The adapter dropped a message it would not handle (malformed, out of protocol, too many too fast): counted
     * and logged, at most a few times a minute. Whether the stream may go on is the adapter's call ({@link #fail}).
     */
    public void refused(String problem) {
        refused.incrementAndGet();
        complaints.warning(() -> who() + ": " + problem);
    }

    /** Inbound media the adapter dropped before it reached the call (arriving faster than real time). */
    public void droppedInbound(String why) {
        inboundDropped.incrementAndGet();
        complaints.warning(() -> who() + ": " + why);
    }

    /** Ends the stream with a close code the peer sees (a protocol violation, a message too big). */
    public void fail(int code, String why) {
        executor.execute(() -> end(CallState.FAILED, why, code));
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

    // ---- the executor side ----

    /** @param pcm the frame decoded already (for the room), or null */
    private void onMedia(long streamMillis, byte[] mulaw, Pcm16 pcm, long arrivedNanos) {
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
        recorder.callerAudio(streamMillis, arrivedNanos, mulaw);
        agent.hear(pcm != null ? pcm : new MuLawAudio(mulaw).toPcm16());
    }

    private void onControl(Runnable handler) {
        if (!state.isFinal()) {
            handler.run();
        }
    }

    private void onStart(StreamStart s) {
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
        start = s.without(StreamTokens.PARAMETER);
        if (!s.isPhoneAudio()) {
            end(CallState.FAILED, "unsupported media format " + LogSafe.text(s.mediaType()) + " at "
                    + s.sampleRate() + " Hz, " + s.channels() + " channels (phone streams are " + StreamStart.MULAW
                    + " at 8000 Hz, 1 channel)", UNSUPPORTED_DATA);
            return;
        }
        Map<String, String> p = start.parameters();
        CallRecord call = services.registry().report(s.callSid(), Direction.fromTwilio(p.get("Direction")),
                p.get("From"), p.get("To"), CallStatus.IN_PROGRESS, Optional.empty());
        recorder = startRecording(call);
        audio = new OutboundAudio(out, services.settings().playback(),
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

    private void end(CallState finalState, String why, int closeCode) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        state = finalState;
        reason = why;
        leaveRoom();
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
        out.close(closeCode, finalState == CallState.ENDED ? "call ended" : why);
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
        StreamStart s = start;
        return s == null ? null : s.callSid();
    }

    @Override
    public String streamSid() {
        StreamStart s = start;
        return s == null ? null : s.streamSid();
    }

    @Override
    public Map<String, String> parameters() {
        StreamStart s = start;
        return s == null ? Map.of() : s.parameters();
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
    public void joinRoom(MixingRoom next) {
        if (audio == null || next == room) {
            return;
        }
        if (room != null) {
            room.leave(leg);
        }
        if (leg == null) {
            leg = new PhoneLeg(callSid(), audio);
        }
        audio.clear();
        leg.reset();
        room = next;
        next.join(leg);
        LOG.info(() -> who() + ": joined " + next.name());
    }

    @Override
    public void leaveRoom() {
        MixingRoom current = room;
        if (current != null) {
            current.leave(leg);
            room = null;
            leg.reset();
            LOG.info(() -> who() + ": left " + current.name());
        }
    }

    @Override
    public Optional<MixingRoom> room() {
        return Optional.ofNullable(room);
    }

    @Override
    public void hangUp(String why) {
        executor.execute(() -> end(CallState.ENDED, why, NORMAL));
    }

    /** Whether the session is ending or has ended: nothing more from the wire is wanted. */
    public boolean closing() {
        return ended.get();
    }

    /** Whether the session has ended and let go of everything it held. */
    public boolean isEnded() {
        return finished;
    }

    public MediaStats stats() {
        OutboundAudio out = audio;
        OutboundAudio.Stats o = out == null ? new OutboundAudio.Stats(0, 0, 0, 0, 0, 0, 0, 0) : out.stats();
        return new MediaStats(streamSid(), state, reason, framesIn, o.framesSent(), inboundDropped.get() + o.framesDropped(),
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
