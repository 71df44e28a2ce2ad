package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.models.LanguageModel;
import io.parley.store.Persona;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The show's earlier segments (each caller's time on air, summarised once it is over) and the follow-ups on them: an
 * AI caller picked ({@link FollowUpPick}) phones in about one, when the host asks or by itself.
 * With auto follow-up on, an AI caller phones in {@code delay} after a caller's segment ends: when the floor is
 * free (it waits while anybody speaks, for up to {@link #FLOOR_WAIT_MILLIS}), and not at all when another caller is
 * on air by then (the host has moved on).
 *
 * <p>Threads: the studio tells it of segments from the model's threads; auto follow-ups run on the server's
 * scheduler. State is guarded by this object's lock, which guards no I/O.
 */
final class FollowUps {

    /** What follow-ups need of the studio. */
    interface Floor {
        /** A caller on air now ("Bob"), if any. */
        Optional<String> callerOnAir();

        /** Whether a person or an AI voice is speaking now. */
        boolean busy();

        /** The AI callers that could phone in (the stored personas with that role). */
        List<Persona> aiCallers();

        /** The persona phones in about {@code segment} now: into the studio, a chapter, and its turn. */
        void callIn(Persona persona, Segment segment);
    }

    /** Segments kept, oldest dropped first; also the most the personas are told of. */
    static final int KEPT_SEGMENTS = 20;
    static final int KEPT_FOLLOW_UPS = 50;
    static final long FLOOR_WAIT_MILLIS = 30_000;
    private static final long FLOOR_POLL_MILLIS = 500;
    private static final Logger LOG = Logger.getLogger(FollowUps.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Supplier<LanguageModel> model;
    private final Floor floor;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Deque<FollowUp> made = new ArrayDeque<>();
    private final Map<Long, Integer> byPersona = new HashMap<>();
    private boolean auto;
    private long delayMillis;
    private ScheduledFuture<?> pending;

    FollowUps(ScheduledExecutorService scheduler, Supplier<LanguageModel> model, Floor floor, boolean auto,
              long delayMillis) {
        this.scheduler = scheduler;
        this.model = model;
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

    /**
     * An AI caller phones in to follow up on an earlier segment (the caller {@code key}'s, else the latest): the
     * language model picks the persona best placed to (embedded, a rule), and it calls in. Completes once the
     * persona is speaking.
     *
     * @throws NoSuchElementException when there is no such segment (none yet, or none of that caller)
     * @throws IllegalStateException when there is no AI caller persona to phone in
     */
    CompletionStage<FollowUp> followUp(Optional<String> key) {
        Segment segment = find(key).orElseThrow(() -> new NoSuchElementException(key.isEmpty()
                ? "No caller has left the air yet: there is nothing to follow up" : "No segment of the caller "
                + key.get() + " in this show"));
        return followUp(segment, false);
    }

    private CompletionStage<FollowUp> followUp(Segment segment, boolean auto) {
        List<Persona> callers = floor.aiCallers();
        if (callers.isEmpty()) {
            throw new IllegalStateException("There is no AI caller persona to follow up (add one with the role"
                    + " \"caller\" at /api/personas)");
        }
        return FollowUpPick.pick(model.get(), segment, callers, countByPersona()).thenApply(pick -> {
            floor.callIn(pick.persona(), segment);
            FollowUp made = new FollowUp(Instant.now(), segment.caller(), segment.key(), pick.persona().name(),
                    pick.persona().id(), auto, pick.why());
            made(made);
            LOG.info(() -> pick.persona().name() + " follows up on " + LogSafe.quoted(segment.caller()) + " ("
                    + pick.why() + (auto ? ", automatically" : "") + ")");
            return made;
        });
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

    /** Due {@code delayMillis} after the caller left the air (the summary took some of it). */
    private void schedule(Segment segment) {
        cancel();
        long wait = Math.max(0, delayMillis - java.time.Duration.between(segment.offAir(), Instant.now()).toMillis());
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        pending = scheduler.schedule(() -> due(segment, due), wait, TimeUnit.MILLISECONDS);
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
            followUp(segment, true).whenComplete((made, error) -> {
                if (error != null) {
                    failed(segment, error);
                }
            });
        } catch (RuntimeException e) {
            failed(segment, e);
        }
    }

    private void failed(Segment segment, Throwable error) {
        LOG.warning(() -> "The automatic follow-up on " + segment.caller() + " failed: " + error);
        made(new FollowUp(Instant.now(), segment.caller(), segment.key(), null, null, true, "failed: "
                + error.getMessage()));
    }

    private void skip(Segment segment, String why) {
        LOG.info(() -> "No automatic follow-up on " + segment.caller() + ": " + why);
        made(new FollowUp(Instant.now(), segment.caller(), segment.key(), null, null, true, "skipped: " + why));
    }
}
