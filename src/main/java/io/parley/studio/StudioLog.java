package io.parley.studio;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studio's conversation in memory: its latest turns, numbered as they come, each from when its speaker began to
 * when they stopped. A person's turn is timed by their speech (its first onset since their last turn, its last
 * stop); a voice's by its caller. Any thread; a short lock guards the turns.
 */
final class StudioLog {

    /** Turns kept for the personas' context and the console. */
    static final int KEPT_TURNS = 1000;

    private final Deque<StudioTurn> turns = new ArrayDeque<>();
    private long count;
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();
    private final Map<String, Instant> stops = new ConcurrentHashMap<>();

    /** The speaker (by key) began speaking at {@code at}; the first onset since their last turn starts the next. */
    void began(String key, Instant at) {
        starts.putIfAbsent(key, at);
    }

    void stopped(String key, Instant at) {
        stops.put(key, at);
    }

    /** A person's whole turn, timed by their speech (or now, when their speech was not seen). */
    StudioTurn personSaid(Speaker who, String text) {
        Instant now = Instant.now();
        Instant start = starts.remove(who.key());
        Instant end = stops.remove(who.key());
        start = start == null ? now : start;
        end = end == null || end.isBefore(start) ? now : end;
        return add(who, text, false, start, end);
    }

    StudioTurn add(Speaker who, String text, boolean interrupted, Instant start, Instant end) {
        synchronized (turns) {
            StudioTurn turn = new StudioTurn(++count, who, text, start, end, interrupted, null);
            turns.add(turn);
            while (turns.size() > KEPT_TURNS) {
                turns.poll();
            }
            return turn;
        }
    }

    /** The turn {@code seq} with its mood, in place; the turn as it now is. */
    StudioTurn mood(StudioTurn turn, Mood mood) {
        synchronized (turns) {
            List<StudioTurn> all = new ArrayList<>(turns);
            turns.clear();
            all.forEach(t -> turns.add(t.seq() == turn.seq() ? t.withMood(mood) : t));
        }
        return turn.withMood(mood);
    }

    /** The number of the latest turn (0 before the first). */
    long lastSeq() {
        synchronized (turns) {
            return count;
        }
    }

    /** The turns after turn {@code seq} that are still kept, oldest first. */
    List<StudioTurn> after(long seq) {
        synchronized (turns) {
            return turns.stream().filter(t -> t.seq() > seq).toList();
        }
    }

    /** The latest {@code limit} turns, oldest first. */
    List<StudioTurn> latest(int limit) {
        synchronized (turns) {
            List<StudioTurn> all = new ArrayList<>(turns);
            return all.subList(Math.max(0, all.size() - limit), all.size());
        }
    }
}
