package io.parley.telephony.media;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one clock that paces outbound audio for every call: every {@value #TICK_MILLIS} ms it lets each stream
 * send what is due. Streams pace themselves on {@link System#nanoTime()}, so a late tick is caught up on the
 * next one rather than drifting. Runs on Liberty's managed scheduled executor; no thread per call.
 */
@ApplicationScoped
public class MediaClock {

    public static final int TICK_MILLIS = 10;

    /** Something the clock drives. {@code tick} must be quick and must not block. */
    public interface Paced {
        void tick(long nowNanos);
    }

    private static final Logger LOG = Logger.getLogger(MediaClock.class.getName());

    @Resource
    ManagedScheduledExecutorService managedScheduler;

    private ScheduledExecutorService scheduler;
    private final Set<Paced> streams = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> ticking;
    private long lastTick;
    private volatile long lateTicks;
    private volatile long maxTickGapNanos;

    public MediaClock() {
        // CDI; the scheduler is injected
    }

    /** A clock on a scheduler of the caller's choosing (tests, the simulator). */
    public MediaClock(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public void add(Paced stream) {
        streams.add(stream);
        start();
    }

    public void remove(Paced stream) {
        streams.remove(stream);
    }

    public int size() {
        return streams.size();
    }

    /** Ticks that came more than two periods after the one before: the clock's thread was starved. */
    public long lateTicks() {
        return lateTicks;
    }

    public long maxTickGapMillis() {
        return maxTickGapNanos / 1_000_000;
    }

    private synchronized void start() {
        if (ticking != null) {
            return;
        }
        ScheduledExecutorService executor = scheduler != null ? scheduler : managedScheduler;
        ticking = executor.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void tick() {
        long now = System.nanoTime();
        if (lastTick != 0) {
            long gap = now - lastTick;
            if (gap > 2L * TICK_MILLIS * 1_000_000) {
                lateTicks++;
            }
            if (gap > maxTickGapNanos) {
                maxTickGapNanos = gap;
            }
        }
        lastTick = now;
        for (Paced stream : streams) {
            try {
                stream.tick(now);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "A media stream failed on the clock; removing it", e);
                streams.remove(stream);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        streams.clear();
    }
}
