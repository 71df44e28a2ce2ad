package io.parley.call;

import io.parley.audio.MuLawAudio;
import io.parley.telephony.media.MalformedMessageException;
import io.parley.telephony.media.MediaClock;
import io.parley.telephony.media.MediaLink;
import io.parley.telephony.media.OutboundAudio;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
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

    /**
     * Largest text message accepted: a 64 KiB payload in base64 plus its envelope, so that an oversized payload
     * still reaches the parser and is refused with its reason; anything larger ends the stream (1009). Checked
     * here because Liberty 26.0.0.3 delivers messages over the endpoint's declared {@code maxMessageSize}.
     */
    public static final int MAX_MESSAGE_CHARS = 96 * 1024;

    private static final Logger LOG = Logger.getLogger(CallSession.class.getName());

    /** What a session needs from the application. */
    public record Services(Executor pool, MediaClock clock, CallRegistry registry, MediaSettings settings,
                           Function<CallControl, Agent> agents, Consumer<CallSession> ended) {
    }

    private final String id;
    private final MediaLink link;
    private final Services services;
    private final SerialExecutor executor;
    private final CallBeans beans;
    private final InboundGuard guard;
    private final ThrottledLog complaints = new ThrottledLog(LOG);
    private final AtomicBoolean ended = new AtomicBoolean();

    // written on the executor, read by anyone
    private volatile CallState state = CallState.CONNECTING;
    private volatile String reason;
    private volatile StreamEvent.Start start;
    private volatile OutboundAudio audio;
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

    /** A text message from Twilio. Called on the WebSocket thread. */
    public void receive(String message) {
        if (ended.get()) {
            return;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            refused.incrementAndGet();
            LOG.warning(() -> who() + ": a message of " + message.length() + " characters; the limit is "
                    + MAX_MESSAGE_CHARS);
            fail(MESSAGE_TOO_BIG, "message over " + MAX_MESSAGE_CHARS / 1024 + " KiB");
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
        }
        accept(event);
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
        LOG.warning(() -> who() + ": binary frame of " + length + " bytes; media streams are JSON text");
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
        executor.execute(() -> end(CallState.FAILED, "stream error: " + error, INTERNAL_ERROR));
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
            LOG.fine(() -> who() + ": ignored unknown event '" + u.event() + "'");
        }
    }

    private void onStart(StreamEvent.Start s) {
        if (start != null) {
            refused.incrementAndGet();
            complaints.warning(() -> who() + ": a second start (call " + s.callSid() + ", stream " + s.streamSid()
                    + "); ignored, the stream keeps its first");
            return;
        }
        if (!"audio/x-mulaw".equals(s.mediaFormat().encoding()) || s.mediaFormat().sampleRate() != 8000
                || s.mediaFormat().channels() != 1) {
            start = s;
            end(CallState.FAILED, "unsupported media format " + s.mediaFormat(), UNSUPPORTED_DATA);
            return;
        }
        start = s;
        Map<String, String> p = s.customParameters();
        services.registry().report(s.callSid(), Direction.fromTwilio(p.get("Direction")), p.get("From"), p.get("To"),
                CallStatus.IN_PROGRESS, Optional.empty());
        audio = new OutboundAudio(s.streamSid(), link, services.settings().playback(),
                why -> executor.execute(() -> end(CallState.FAILED, why, POLICY_VIOLATION)));
        services.clock().add(audio);
        moveTo(CallState.LISTENING);
        try {
            agent = services.agents().apply(this);
            agent.start(this);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, who() + ": the agent could not start", e);
            end(CallState.FAILED, "agent failed to start: " + e.getMessage(), INTERNAL_ERROR);
            return;
        }
        LOG.info(() -> who() + ": stream " + s.streamSid() + " started, agent '" + services.settings().agent() + "'");
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
        return why == null || why.isBlank() ? "" : ": " + why;
    }
}
