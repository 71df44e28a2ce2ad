package io.parley.studio;

import io.parley.models.LanguageModel;
import io.parley.store.Persona;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Auto mode: after the people in the studio have paused ({@code parley.show.ai.pause-ms} from the end of the last
 * person's speech, once their words are transcribed), a persona is asked whether it should speak
 * ({@link TurnJudge}), and speaks if so. Never while a person speaks (their speech cancels a pending judgement, and a
 * yes that comes back while somebody speaks waits for the floor); never while another AI voice speaks; and not
 * again until {@code parley.show.ai.cooldown-s} after the last AI turn ended (a judgement falling inside the cooldown
 * waits for its end). Each person's turn is judged at most once.
 *
 * <p>Threads: the studio tells it what happens from any thread; judgements are scheduled on the server's scheduler
 * and answered on the model's threads. State is guarded by this object's lock, which guards no I/O.
 */
final class AutoPilot {

    /** What the pilot needs of the studio. */
    interface Floor {
        boolean someoneSpeaking();

        boolean aiTalking();

        List<StudioTurn> recent();

        /** The persona that would answer {@code lastTurn} (the one named in it, or the co-host, or the first). */
        Optional<Persona> candidate(StudioTurn lastTurn);

        /** The persona answers now; the people's speech ended at {@code speechEndedNanos}. */
        void respond(Persona persona, long speechEndedNanos);
    }

    static final int KEPT_DECISIONS = 50;
    private static final Logger LOG = Logger.getLogger(AutoPilot.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Supplier<LanguageModel> model;
    private final Floor floor;
    private final long pauseNanos;
    private final long cooldownNanos;

    private boolean auto;
    private ScheduledFuture<?> pending;
    private long lastStoppedNanos;
    private long lastAiEndedNanos = Long.MIN_VALUE / 2;
    private long judgedTurn;
    private final Deque<AutoDecision> decisions = new ArrayDeque<>();

    AutoPilot(ScheduledExecutorService scheduler, Supplier<LanguageModel> model, Floor floor, long pauseMillis,
              long cooldownMillis) {
        this.scheduler = scheduler;
        this.model = model;
        this.floor = floor;
        this.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        this.cooldownNanos = TimeUnit.MILLISECONDS.toNanos(cooldownMillis);
    }

    synchronized boolean auto() {
        return auto;
    }

    synchronized void auto(boolean on) {
        if (auto == on) {
            return;
        }
        auto = on;
        cancel();
        LOG.info(() -> "AI mode: " + (on ? "auto (the personas decide when to speak)" : "manual (the host decides)"));
        if (on) {
            schedule(System.nanoTime());
        }
    }

    synchronized List<AutoDecision> decisions() {
        return new ArrayList<>(decisions);
    }

    // ---- what happens in the studio ----

    synchronized void personStarted() {
        cancel();
    }

    synchronized void personStopped(long nanos) {
        lastStoppedNanos = nanos;
        schedule(nanos);
    }

    /** A person's turn was transcribed: it is judged once the pause after their speech is long enough. */
    synchronized void personSaid(long nanos) {
        schedule(nanos);
    }

    synchronized void aiFinished(long nanos) {
        lastAiEndedNanos = nanos;
    }

    // ---- deciding ----

    private void schedule(long now) {
        if (!auto) {
            return;
        }
        cancel();
        long due = Math.max(lastStoppedNanos + pauseNanos, lastAiEndedNanos + cooldownNanos);
        pending = scheduler.schedule(this::consider, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void consider() {
        StudioTurn last;
        Persona persona;
        List<StudioTurn> recent;
        synchronized (this) {
            pending = null;
            long now = System.nanoTime();
            if (!auto || floor.someoneSpeaking() || floor.aiTalking()) {
                return;
            }
            if (now - lastAiEndedNanos < cooldownNanos || now - lastStoppedNanos < pauseNanos) {
                schedule(now);
                return;
            }
            recent = floor.recent();
            if (recent.isEmpty()) {
                return;
            }
            last = recent.get(recent.size() - 1);
            if (!last.speaker().human() || last.seq() <= judgedTurn) {
                return;
            }
            judgedTurn = last.seq();
            Optional<Persona> candidate = floor.candidate(last);
            if (candidate.isEmpty()) {
                return;
            }
            persona = candidate.get();
        }
        TurnJudge.judge(model.get(), persona, recent).thenAccept(verdict -> decided(last, persona, verdict));
    }

    private void decided(StudioTurn last, Persona persona, TurnJudge.Verdict verdict) {
        boolean speak;
        String why = verdict.why();
        synchronized (this) {
            speak = verdict.speak() && auto && !floor.aiTalking() && last.seq() == latestSeq();
            if (verdict.speak() && !speak) {
                why += ", but the studio moved on meanwhile";
            }
            decisions.add(new AutoDecision(Instant.now(), last.seq(), persona.name(), speak, why));
            while (decisions.size() > KEPT_DECISIONS) {
                decisions.poll();
            }
        }
        String reason = why;
        LOG.fine(() -> "Auto mode after turn " + last.seq() + ": " + persona.name() + (speak ? " speaks" : " stays"
                + " quiet") + " (" + reason + ")");
        if (speak) {
            long ended;
            synchronized (this) {
                ended = lastStoppedNanos;
            }
            floor.respond(persona, ended);
        }
    }

    private long latestSeq() {
        List<StudioTurn> recent = floor.recent();
        return recent.isEmpty() ? 0 : recent.get(recent.size() - 1).seq();
    }
}
