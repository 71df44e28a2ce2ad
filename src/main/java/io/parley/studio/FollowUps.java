package io.parley.studio;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The show's earlier segments (each caller's time on air, summarised once it is over) and the follow-ups on them.
 * With auto follow-up on, an AI caller phones in {@code delay} after a caller's segment ends: when the floor is
 * free (it waits while anybody speaks, for up to {@link #FLOOR_WAIT_MILLIS}), and not at all when another caller is
 * on air by then (the host has moved on).
 *
 * <p>Threads: the studio tells it of segments from the model's threads; auto follow-ups run on the server's
 * scheduler. State is guarded by this object's lock, which guards no I/O.
 */
final class FollowUps {

    /** What auto follow-up needs of the studio. */
    interface Floor {
        /** A caller on air now ("Bob"), if any. */
        Optional<String> callerOnAir();

        /** Whether a person or an AI voice is speaking now. */
        boolean busy();

        /** An AI caller follows up on {@code segment} now. */
        void followUp(Segment segment);
    }

    /** Segments kept, oldest dropped first; also the most the personas are told of. */
    static final int KEPT_SEGMENTS = 20;
    static final int KEPT_FOLLOW_UPS = 50;
    static final long FLOOR_WAIT_MILLIS = 30_000;
    private static final long FLOOR_POLL_MILLIS = 500;
    private static final Logger LOG = Logger.getLogger(FollowUps.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Floor floor;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Deque<FollowUp> made = new ArrayDeque<>();
    private final Map<Long, Integer> byPersona = new HashMap<>();
    private boolean auto;
    private long delayMillis;
    private ScheduledFuture<?> pending;

    FollowUps(ScheduledExecutorService scheduler, Floor floor, boolean auto, long delayMillis) {
        this.scheduler = scheduler;
        this.floor = floor;
        this.auto = auto;
        this.delayMillis = delayMillis;
    }

    /** A caller's segment is over and summarised; with auto follow-up on, a follow-up is due after the delay. */
    synchronized void ended(Segment segment) {
        segments.add(segment);
        while (segments.size() > KEPT_SEGMENTS) {
            segments.poll();
        }
        if (auto) {
            schedule(segment);
        }
    }

    /** The segments so far, oldest first. */
    synchronized List<Segment> earlier() {
        return List.copyOf(segments);
    }

    /** The segment of the caller {@code key}, or the latest when no key is given. */
    synchronized Optional<Segment> find(Optional<String> key) {
        if (key.isEmpty()) {
            return Optional.ofNullable(segments.peekLast());
        }
        return segments.stream().filter(s -> s.key().equals(key.get())).reduce((a, b) -> b);
    }

    /** A follow-up happened (or an automatic one was skipped). */
    synchronized void made(FollowUp followUp) {
        made.add(followUp);
        while (made.size() > KEPT_FOLLOW_UPS) {
            made.poll();
        }
        if (followUp.personaId() != null) {
            byPersona.merge(followUp.personaId(), 1, Integer::sum);
        }
    }

    synchronized List<FollowUp> made() {
        return List.copyOf(made);
    }

    /** How many times each persona has followed up, by id. */
    synchronized Map<Long, Integer> countByPersona() {
        return Map.copyOf(byPersona);
    }

    synchronized boolean auto() {
        return auto;
    }

    synchronized long delayMillis() {
        return delayMillis;
    }

    /** Turns auto follow-up on or off, with its delay; a follow-up already due keeps its time. */
    synchronized void auto(boolean on, long delay) {
        auto = on;
        delayMillis = delay;
        if (!on) {
            cancel();
        }
        LOG.info(() -> "Auto follow-up " + (on ? "on, " + delay / 1000 + " s after a caller leaves the air" : "off"));
    }

    /** A new show: its segments and follow-ups start afresh. */
    synchronized void reset() {
        cancel();
        segments.clear();
        made.clear();
        byPersona.clear();
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void schedule(Segment segment) {
        cancel();
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        pending = scheduler.schedule(() -> due(segment, due), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void due(Segment segment, long dueNanos) {
        synchronized (this) {
            if (!auto) {
                return;
            }
            Optional<String> onAir = floor.callerOnAir();
            if (onAir.isPresent()) {
                pending = null;
                skip(segment, onAir.get() + " is on air");
                return;
            }
            if (floor.busy()) {
                if (System.nanoTime() - dueNanos < TimeUnit.MILLISECONDS.toNanos(FLOOR_WAIT_MILLIS)) {
                    pending = scheduler.schedule(() -> due(segment, dueNanos), FLOOR_POLL_MILLIS,
                            TimeUnit.MILLISECONDS);
                } else {
                    pending = null;
                    skip(segment, "the studio did not fall quiet within " + FLOOR_WAIT_MILLIS / 1000 + " s");
                }
                return;
            }
            pending = null;
        }
        try {
            floor.followUp(segment);
        } catch (RuntimeException e) {
            LOG.warning(() -> "The automatic follow-up on " + segment.caller() + " failed: " + e.getMessage());
            made(new FollowUp(Instant.now(), segment.caller(), segment.key(), null, null, true, "failed: "
                    + e.getMessage()));
        }
    }

    private void skip(Segment segment, String why) {
        LOG.info(() -> "No automatic follow-up on " + segment.caller() + ": " + why);
        made(new FollowUp(Instant.now(), segment.caller(), segment.key(), null, null, true, "skipped: " + why));
    }
}
