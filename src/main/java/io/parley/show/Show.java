package io.parley.show;

import io.parley.logging.LogSafe;
import io.parley.media.MixingRoom;
import io.parley.store.QueueRow;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import io.parley.studio.Speaker;
import io.parley.studio.Studio;
import io.parley.studio.StudioEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The call-in show: whether the line is open, the studio (a {@link MixingRoom} on the media clock), and the hold
 * queue of callers on the show line.
 *
 * <p>The queue lives here, in memory, for the callers whose streams this server holds; every change is written
 * behind to the database (so a second server, and the console after a restart, see it) and published at once as
 * a Server-Sent Event. A caller's call talks to the show through its {@link Line}; the show's operations (take,
 * hold, drop, voicemail) go back to the call through it. State changes are made under the show's lock, which
 * guards no I/O: writes are queued, events are queued, and the calls act on their own executors.
 */
@ApplicationScoped
public class Show {

    /** What the show asks of a caller's call. Each method hands off to the call's executor and returns. */
    public interface Line {
        /** Into the studio: the caller hears the room and is heard in it. */
        void take(MixingRoom studio);

        /** Out of the studio, back on hold, told {@code message} first. */
        void hold(String message);

        /** A polite goodbye, then the call is ended. */
        void drop();

        /** The caller is asked to leave a message, which is recorded. */
        void voicemail(String reason);
    }

    /** Whether a caller arriving on the show line joins the queue. */
    public enum Arrival {
        ACCEPTED, OFF_AIR, QUEUE_FULL
    }

    private static final Logger LOG = Logger.getLogger(Show.class.getName());

    @Inject
    ShowSettings settings;

    @Inject
    ShowEvents events;

    @Inject
    Store store;

    @Inject
    Studio studioRoom;

    private final Map<String, QueuedCall> queue = new ConcurrentHashMap<>();
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private Clock time = Clock.systemUTC();
    private volatile boolean onAir;
    private volatile boolean hostConnected;
    private io.parley.media.Leg hostLeg;

    @PostConstruct
    void init() {
        onAir = settings.onAirAtStart();
    }

    public MixingRoom studio() {
        return studioRoom.room();
    }

    public boolean onAir() {
        return onAir;
    }

    public boolean hostConnected() {
        return hostConnected;
    }

    /** Opens or closes the show line; callers already in the queue stay in it. */
    public void onAir(boolean open) {
        if (onAir != open) {
            onAir = open;
            LOG.info(() -> "The show is " + (open ? "on air: the show line takes callers" : "off air: new callers on"
                    + " the show line go to voicemail"));
            publishStudio();
        }
    }

    // ---- from the calls (their executors): nothing here waits ----

    /** A caller answered on the show line: in the queue (screening), or not, and why. */
    public synchronized Arrival arrive(QueuedCall caller, Line line) {
        if (!onAir) {
            return Arrival.OFF_AIR;
        }
        long present = queue.values().stream().filter(c -> c.status() != QueueStatus.VOICEMAIL).count();
        if (present >= settings.maxQueue()) {
            return Arrival.QUEUE_FULL;
        }
        queue.put(caller.callSid(), caller);
        lines.put(caller.callSid(), line);
        studioRoom.show().ifPresent(show -> store.write(new StoreWrite.AddShowCall(show.id(), caller.callSid())));
        changed(caller, "joined");
        return Arrival.ACCEPTED;
    }

    /**
     * Changes what is known of a caller (the screener's answers, their status); nothing for one not in the queue,
     * and no event for a change that changes nothing.
     */
    public synchronized Optional<QueuedCall> update(String callSid, UnaryOperator<QueuedCall> change, String what) {
        QueuedCall before = queue.get(callSid);
        if (before == null) {
            return Optional.empty();
        }
        QueuedCall after = change.apply(before);
        if (!after.equals(before)) {
            queue.put(callSid, after);
            changed(after, what);
        }
        return Optional.of(after);
    }

    /** The caller has left the show line (hung up, dropped, or done leaving a message). */
    public synchronized void left(String callSid) {
        QueuedCall gone = queue.remove(callSid);
        lines.remove(callSid);
        if (gone != null) {
            store.write(new StoreWrite.LeaveQueue(callSid));
            events.publish(ShowEvents.CALL, callEvent(gone, "left"));
            publishQueue();
            if (gone.status() == QueueStatus.ON_AIR) {
                publishStudio();
            }
        }
    }

    /** A line of live transcript: the screening, or a caller on air. */
    public void transcript(String callSid, String speaker, String text, boolean isFinal) {
        events.publish(ShowEvents.TRANSCRIPT, Json.createObjectBuilder().add("callSid", callSid)
                .add("key", callSid).add("kind", ShowLineAgent.SCREENER.equals(speaker) ? "screener" : "caller")
                .add("speaker", speaker).add("text", text).add("final", isFinal).add("at", time.instant().toString())
                .build());
    }

    /** The caller's place in line (1 is next), counting screened and screening callers; 0 when not in line. */
    public int position(String callSid) {
        List<QueuedCall> line = inLine();
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).callSid().equals(callSid)) {
                return i + 1;
            }
        }
        return 0;
    }

    // ---- from the console (request threads) ----

    /** This server's callers, then the callers other servers hold (from the database), in line order. */
    public List<QueuedCall> queue() {
        Map<String, QueuedCall> all = new LinkedHashMap<>();
        try {
            for (QueueRow row : store.show().queue()) {
                all.put(row.callSid(), QueuedCall.of(row));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The stored queue could not be read; showing this server's callers only", e);
        }
        all.putAll(queue); // this server's own callers: memory is fresher than the write behind it
        List<QueuedCall> ordered = new ArrayList<>(all.values());
        ordered.sort(LINE_ORDER);
        return ordered;
    }

    /** One caller in this server's queue. */
    public Optional<QueuedCall> find(String callSid) {
        return Optional.ofNullable(queue.get(callSid));
    }

    public synchronized QueuedCall take(String callSid) {
        QueuedCall caller = held(callSid);
        if (caller.status() == QueueStatus.ON_AIR) {
            throw new ShowConflict("call " + callSid + " is on air already");
        }
        if (caller.status() == QueueStatus.VOICEMAIL) {
            throw new ShowConflict("call " + callSid + " is leaving a message");
        }
        QueuedCall onAirNow = caller.withStatus(QueueStatus.ON_AIR);
        queue.put(callSid, onAirNow);
        lines.get(callSid).take(studioRoom.room());
        changed(onAirNow, "on-air");
        publishStudio();
        return onAirNow;
    }

    /** The longest-waiting screened caller (the highest priority first) on air. */
    public synchronized QueuedCall next() {
        QueuedCall next = inLine().stream().filter(c -> c.status() == QueueStatus.WAITING).findFirst()
                .orElseThrow(() -> new ShowConflict("no screened caller is waiting"));
        return take(next.callSid());
    }

    public synchronized QueuedCall hold(String callSid) {
        return backOnHold(callSid, settings.backOnHold());
    }

    private QueuedCall backOnHold(String callSid, String message) {
        QueuedCall caller = held(callSid);
        if (caller.status() != QueueStatus.ON_AIR) {
            throw new ShowConflict("call " + callSid + " is not on air (it is " + caller.status().label() + ")");
        }
        QueuedCall waiting = caller.withStatus(QueueStatus.WAITING);
        queue.put(callSid, waiting);
        lines.get(callSid).hold(message);
        changed(waiting, "hold");
        publishStudio();
        return waiting;
    }

    public synchronized QueuedCall drop(String callSid) {
        QueuedCall caller = held(callSid);
        lines.get(callSid).drop();
        events.publish(ShowEvents.CALL, callEvent(caller, "dropped"));
        return caller;
    }

    public synchronized QueuedCall voicemail(String callSid) {
        QueuedCall caller = held(callSid);
        if (caller.status() == QueueStatus.VOICEMAIL) {
            throw new ShowConflict("call " + callSid + " is leaving a message already");
        }
        boolean wasOnAir = caller.status() == QueueStatus.ON_AIR;
        QueuedCall leaving = caller.withStatus(QueueStatus.VOICEMAIL);
        queue.put(callSid, leaving);
        lines.get(callSid).voicemail(Voicemail.HOST);
        changed(leaving, "voicemail");
        if (wasOnAir) {
            publishStudio();
        }
        return leaving;
    }

    public synchronized QueuedCall edit(String callSid, Optional<String> name, Optional<String> topic,
                                        Optional<String> notes, Optional<Integer> priority) {
        held(callSid);
        return update(callSid, c -> c.edited(name, topic, notes, priority), "edited").orElseThrow();
    }

    /**
     * Blocks the caller's number (their later calls are rejected) and drops them. Waits for the database, so it is
     * called from a request, never from a call.
     */
    public QueuedCall block(String callSid) {
        QueuedCall caller = held(callSid);
        if (caller.from() == null || caller.from().isBlank()) {
            throw new ShowConflict("call " + callSid + " has no number to block");
        }
        store.blockNumber(caller.from());
        LOG.info(() -> "Blocked " + LogSafe.text(caller.from()) + " (call " + callSid + ")");
        return drop(callSid);
    }

    /**
     * The host has gone (their console closed or lost its connection): every caller on air goes back on hold, in
     * the order they joined the queue, and is told so.
     */
    public synchronized void hostLeft(io.parley.media.Leg host) {
        if (hostLeg != host) {
            return; // a console that was taken over: the host is still here
        }
        studioRoom.left(Speaker.HOST, host);
        hostLeg = null;
        hostConnected = false;
        LOG.info("The host has left the studio; callers on air go back on hold");
        queue.values().stream().filter(c -> c.status() == QueueStatus.ON_AIR).sorted(LINE_ORDER).map(QueuedCall::callSid)
                .toList().forEach(sid -> backOnHold(sid, settings.hostGone()));
        publishStudio();
    }

    /** The host's console is connected: their leg joins the studio (in place of an earlier console's). */
    public synchronized void hostJoined(io.parley.media.Leg host) {
        if (hostLeg != null) {
            studioRoom.left(Speaker.HOST, hostLeg);
        }
        hostLeg = host;
        hostConnected = true;
        studioRoom.entered(Speaker.HOST, "the show's host", null, host);
        LOG.info("The host is in the studio");
        publishStudio();
    }

    /** The show as {@code GET /api/show} and the {@code studio} event give it. */
    public JsonObject state() {
        JsonArrayBuilder legs = Json.createArrayBuilder();
        studio().legs().forEach(l -> legs.add(l.id()));
        JsonArrayBuilder onAirNow = Json.createArrayBuilder();
        queue.values().stream().filter(c -> c.status() == QueueStatus.ON_AIR).sorted(LINE_ORDER)
                .forEach(c -> onAirNow.add(QueueJson.of(c, 0, time.instant())));
        JsonObjectBuilder latency = Json.createObjectBuilder();
        studio().latency().forEach((kind, f) -> latency.add(kind, figures(f)));
        JsonArrayBuilder personas = Json.createArrayBuilder();
        studioRoom.personas().forEach(p -> personas.add(Json.createObjectBuilder().add("id", p.id())
                .add("name", p.name()).add("role", p.role().label())));
        JsonObjectBuilder moods = Json.createObjectBuilder();
        studioRoom.moods().forEach(moods::add);
        JsonObjectBuilder ai = Json.createObjectBuilder().add("mode", studioRoom.auto() ? "auto" : "manual")
                .add("personas", personas).add("moods", moods)
                .add("firstAudioMillis", figures(studioRoom.firstAudio()))
                .add("bargeInMillis", figures(studioRoom.bargeIns()))
                .add("autoReplyMillis", figures(studioRoom.autoReplies()))
                .add("followUp", Json.createObjectBuilder().add("auto", studioRoom.autoFollowUp())
                        .add("delaySeconds", studioRoom.autoFollowUpDelayMillis() / 1000)
                        .add("segments", studioRoom.earlier().size()).add("made", studioRoom.followUps().stream()
                                .filter(f -> f.persona() != null).count()));
        studioRoom.talking().ifPresent(p -> ai.add("speaking", p.name()));
        JsonObjectBuilder out = Json.createObjectBuilder();
        studioRoom.show().ifPresent(run -> out.add("show", Json.createObjectBuilder().add("id", run.id())
                .add("title", run.title()).add("startedAt", run.startedAt().toString())));
        return out.add("onAir", onAir).add("hostConnected", hostConnected)
                .add("studioLatencyMillis", latency)
                .add("aiMode", studioRoom.auto() ? "auto" : "manual").add("ai", ai).add("studio", legs).add("callersOnAir", onAirNow)
                .add("maxQueue", settings.maxQueue()).build();
    }

    private static JsonObjectBuilder figures(io.parley.media.LatencyFigures.Summary f) {
        return Json.createObjectBuilder().add("count", f.count()).add("p50", f.p50()).add("p95", f.p95())
                .add("p99", f.p99()).add("max", f.max());
    }

    /** What happens in the studio reaches the console: its transcript lines, and who is there. */
    void studioChanged(@Observes StudioEvent event) {
        if (event instanceof StudioEvent.Transcript line) {
            JsonObjectBuilder out = Json.createObjectBuilder().add("key", line.speaker().key())
                    .add("speaker", line.speaker().label()).add("kind", line.speaker().kind().label())
                    .add("text", line.text()).add("final", line.isFinal()).add("at", line.at().toString());
            if (line.speaker().kind() == Speaker.Kind.CALLER) {
                out.add("callSid", line.speaker().key());
            }
            if (line.interrupted()) {
                out.add("interrupted", true);
            }
            if (line.seq() > 0) {
                out.add("seq", line.seq());
            }
            events.publish(ShowEvents.TRANSCRIPT, out.build());
        } else if (event instanceof StudioEvent.Summarised summed) {
            events.publish(ShowEvents.SEGMENT, segmentJson(summed.segment()));
            publishStudio();
        } else if (event instanceof StudioEvent.MoodRead mood) {
            events.publish(ShowEvents.MOOD, Json.createObjectBuilder().add("key", mood.speaker().key())
                    .add("speaker", mood.speaker().label()).add("seq", mood.seq()).add("mood", mood.mood().label())
                    .build());
        } else {
            publishStudio();
        }
    }

    /** A caller's segment as the {@code segment} event and {@code GET /api/show/followup} give it. */
    public static JsonObject segmentJson(io.parley.studio.Segment segment) {
        return Json.createObjectBuilder().add("key", segment.key()).add("callSid", segment.key())
                .add("caller", segment.caller()).add("topic", segment.topic())
                .add("onAir", segment.onAir().toString()).add("offAir", segment.offAir().toString())
                .add("summary", segment.summary()).build();
    }

    /** The queue as {@code GET /api/show/queue} and the {@code queue} event give it. */
    public JsonObject queueJson() {
        return queueJson(queue());
    }

    /** One caller of this server's queue as the API gives it, with their place in line. */
    public JsonObject json(QueuedCall caller) {
        return QueueJson.of(caller, position(caller.callSid()), time.instant());
    }

    /** Callers in line order, numbered in line as they come. */
    private JsonObject queueJson(List<QueuedCall> ordered) {
        Instant now = time.instant();
        JsonArrayBuilder out = Json.createArrayBuilder();
        int place = 0;
        for (QueuedCall c : ordered) {
            out.add(QueueJson.of(c, c.status().inLine() ? ++place : 0, now));
        }
        return Json.createObjectBuilder().add("queue", out).build();
    }

    /** For tests: the show's clock. */
    void clock(Clock clock) {
        this.time = clock;
    }

    private QueuedCall held(String callSid) {
        QueuedCall caller = queue.get(callSid);
        if (caller == null) {
            throw new ShowConflict("call " + callSid + " is not in the show's queue on this server (it has left,"
                    + " or was never on the show line)");
        }
        return caller;
    }

    private List<QueuedCall> inLine() {
        return queue.values().stream().filter(c -> c.status().inLine()).sorted(LINE_ORDER).toList();
    }

    /** Higher priority first, then who has waited longest. */
    static final Comparator<QueuedCall> LINE_ORDER = Comparator.comparingInt(QueuedCall::priority).reversed()
            .thenComparing(QueuedCall::enqueuedAt).thenComparing(QueuedCall::callSid);

    private void changed(QueuedCall caller, String what) {
        store.write(new StoreWrite.SaveQueued(caller.toRow(time.instant())));
        events.publish(ShowEvents.CALL, callEvent(caller, what));
        publishQueue();
    }

    private JsonObject callEvent(QueuedCall caller, String change) {
        return Json.createObjectBuilder().add("change", change).add("call", json(caller)).build();
    }

    private void publishQueue() {
        List<QueuedCall> mine = new ArrayList<>(queue.values());
        mine.sort(LINE_ORDER);
        events.publish(ShowEvents.QUEUE, queueJson(mine));
    }

    private void publishStudio() {
        events.publish(ShowEvents.STUDIO, state());
    }
}
