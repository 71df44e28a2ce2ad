package io.parley.media;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * A room whose legs all hear each other: on every 20 ms frame of the shared {@link MediaClock} it asks each leg
 * for what its party said, and gives each leg the sum of every other leg's speech (mix-minus: nobody hears
 * themselves). The sum saturates rather than wraps.
 *
 * <p>The room keeps its own frame timeline on the clock: a frame is mixed as soon as its time has come, so a live
 * party's frame waits at most one clock tick for the mix. A clock that falls far behind (a starved machine) makes
 * the room skip ahead rather than mix a burst.
 *
 * <p>Threads: legs join and leave from any thread; {@link #tick} runs on the clock's thread, and the mix buffers
 * belong to it.
 */
public final class MixingRoom implements MediaClock.Paced {

    static final long FRAME_NANOS = 20_000_000L;
    /** Frames behind real time beyond which the room skips ahead. */
    private static final int MAX_BEHIND_FRAMES = 5;

    private static final Logger LOG = Logger.getLogger(MixingRoom.class.getName());

    private final String name;
    /** The legs, replaced whole on each join and leave, so a frame is mixed over one consistent set. */
    private volatile Leg[] legs = new Leg[0];
    private long nextFrameAt;
    private short[][] said = new short[0][];
    private boolean[] speaking = new boolean[0];
    private final int[] sum = new int[Leg.FRAME_SAMPLES];
    private final short[] heard = new short[Leg.FRAME_SAMPLES];
    private final java.util.Map<String, LatencyFigures> latency = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long framesMixed;
    private volatile long skips;
    private volatile Tap tap;

    /**
     * Told every mixed frame, on the clock's thread (a recording of the room): what each leg said (null for a leg
     * that said nothing) and the full mix. The arrays are the room's: copy what is kept, and never wait.
     */
    public interface Tap {
        void frame(long frameAt, Leg[] legs, int count, short[][] said, boolean[] speaking, int[] sum);
    }

    public MixingRoom(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The leg hears the room, and the room hears it, from the next frame on. */
    public synchronized void join(Leg leg) {
        if (!contains(leg)) {
            Leg[] more = Arrays.copyOf(legs, legs.length + 1);
            more[more.length - 1] = leg;
            legs = more;
            LOG.fine(() -> name + ": " + leg.id() + " joined (" + more.length + " legs)");
        }
    }

    /** The leg is out of the room; a frame being mixed as it leaves may still reach it. */
    public synchronized void leave(Leg leg) {
        if (contains(leg)) {
            Leg[] fewer = Arrays.stream(legs).filter(l -> l != leg).toArray(Leg[]::new);
            legs = fewer;
            LOG.fine(() -> name + ": " + leg.id() + " left (" + fewer.length + " legs)");
        }
    }

    public List<Leg> legs() {
        return List.of(legs);
    }

    public boolean contains(Leg leg) {
        for (Leg l : legs) {
            if (l == leg) {
                return true;
            }
        }
        return false;
    }

    /** Starts (or, with null, stops) telling {@code tap} every mixed frame. */
    public void tap(Tap tap) {
        this.tap = tap;
    }

    public long framesMixed() {
        return framesMixed;
    }

    /**
     * How long a live party's frame took from reaching the server to being handed, mixed, to every other party
     * (a phone's paced playout sends it at once), by the speaker's kind ("host", "phone").
     */
    public java.util.Map<String, LatencyFigures.Summary> latency() {
        java.util.Map<String, LatencyFigures.Summary> out = new java.util.TreeMap<>();
        latency.forEach((kind, figures) -> out.put(kind, figures.summary()));
        return out;
    }

    /** Times the room fell more than {@value #MAX_BEHIND_FRAMES} frames behind and skipped ahead. */
    public long skips() {
        return skips;
    }

    @Override
    public void tick(long now) {
        if (legs.length == 0) {
            nextFrameAt = 0;
            return;
        }
        if (nextFrameAt == 0) {
            nextFrameAt = now;
        }
        if (now - nextFrameAt > MAX_BEHIND_FRAMES * FRAME_NANOS) {
            skips++;
            nextFrameAt = now;
        }
        while (now - nextFrameAt >= 0) {
            mix(nextFrameAt);
            nextFrameAt += FRAME_NANOS;
        }
    }

    /** One frame: everyone's speech in, everyone's mix-minus out. */
    private void mix(long frameAt) {
        Leg[] present = legs;
        int n = present.length;
        if (said.length < n) {
            said = new short[n][Leg.FRAME_SAMPLES];
            speaking = new boolean[n];
        }
        Arrays.fill(sum, 0);
        for (int i = 0; i < n; i++) {
            speaking[i] = present[i].speak(said[i]);
            if (speaking[i]) {
                short[] s = said[i];
                for (int k = 0; k < Leg.FRAME_SAMPLES; k++) {
                    sum[k] += s[k];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            short[] own = speaking[i] ? said[i] : null;
            for (int k = 0; k < Leg.FRAME_SAMPLES; k++) {
                int v = own == null ? sum[k] : sum[k] - own[k];
                heard[k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
            present[i].hear(heard, frameAt);
        }
        Tap listening = tap;
        if (listening != null) {
            listening.frame(frameAt, present, n, said, speaking, sum);
        }
        long done = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long spoken = speaking[i] ? present[i].spokenAtNanos() : 0;
            if (spoken != 0) {
                latency.computeIfAbsent(present[i].kind(), k -> new LatencyFigures()).add(done - spoken);
            }
        }
        framesMixed++;
    }
}
