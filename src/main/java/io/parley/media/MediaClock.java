package io.parley.media;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one clock that paces outbound audio for every call: every {@value #TICK_MILLIS} ms it lets each stream
 * send what is due. Streams pace themselves on {@link System#nanoTime()}, so a late tick is caught up on the
 * next one rather than drifting.
 *
 * <p>The clock is one thread for all calls, made by Liberty's managed thread factory (a task scheduled on the
 * shared pool would queue behind the very work that grows with load). It only keeps time: the streams are
 * shared out into groups of {@value #GROUP_SIZE}, and each tick hands every group to the managed executor,
 * because sending is socket I/O (Liberty writes asynchronous sends inline when the socket can take them),
 * which one thread cannot do for hundreds of calls on time. A group still busy with its last tick is skipped;
 * its streams catch up on the next one.
 */
@ApplicationScoped
public class MediaClock {

    public static final int TICK_MILLIS = 10;
    static final int GROUP_SIZE = 32;

    /** Something the clock drives. {@code tick} must be quick and must not block. */
    public interface Paced {
        void tick(long nowNanos);
    }

    private static final Logger LOG = Logger.getLogger(MediaClock.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService pool;

    private ThreadFactory factory;
    private Executor executor;
    private final List<Group> groups = new CopyOnWriteArrayList<>();
    private Thread ticking;
    private volatile boolean running;
    private long lastTick;
    private volatile long lateTicks;
    private volatile long maxTickGapNanos;
    private volatile long maxDispatchDelayNanos;

    public MediaClock() {
        // CDI; the thread factory and the pool are injected
    }

    /** A clock on threads of the caller's choosing (tests). */
    public MediaClock(ThreadFactory factory, Executor executor) {
        this.factory = factory;
        this.executor = executor;
    }

    public synchronized void add(Paced stream) {
        Group target = null;
        for (Group g : groups) {
            if (g.streams.size() < GROUP_SIZE) {
                target = g;
                break;
            }
        }
        if (target == null) {
            target = new Group();
            groups.add(target);
        }
        target.streams.add(stream);
        start();
    }

    public void remove(Paced stream) {
        for (Group g : groups) {
            if (g.streams.remove(stream)) {
                return;
            }
        }
    }

    /** Streams on the clock. */
    public int size() {
        return groups.stream().mapToInt(g -> g.streams.size()).sum();
    }

    /** Ticks that came more than two periods after the one before: the clock's thread was starved. */
    public long lateTicks() {
        return lateTicks;
    }

    public long maxTickGapMillis() {
        return maxTickGapNanos / 1_000_000;
    }

    /**
     * Longest wait of a group's tick for a pool thread: sending delayed by the pool's queue, which grows when
     * the server is short of CPU (docs/PERFORMANCE.md).
     */
    public long maxDispatchDelayMillis() {
        return maxDispatchDelayNanos / 1_000_000;
    }

    private synchronized void start() {
        if (ticking != null) {
            return;
        }
        running = true;
        ticking = (factory != null ? factory : threads).newThread(this::run);
        ticking.setName("parley-media-clock");
        ticking.setDaemon(true);
        ticking.start();
    }

    private void run() {
        long period = TICK_MILLIS * 1_000_000L;
        long next = System.nanoTime() + period;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            tick();
            next += period;
            long now = System.nanoTime();
            if (now - next > period) {
                next = now + period; // far behind: start afresh rather than tick in a burst
            }
        }
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
        Executor target = executor != null ? executor : pool;
        for (Group group : groups) {
            if (!group.streams.isEmpty() && group.busy.compareAndSet(false, true)) {
                try {
                    target.execute(() -> group.tick(now));
                } catch (RuntimeException e) {
                    group.busy.set(false);
                    LOG.log(Level.WARNING, "The media clock could not hand out a tick", e);
                }
            }
        }
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        if (ticking != null) {
            LockSupport.unpark(ticking);
            ticking = null;
        }
        groups.clear();
    }

    /** Streams ticked together by one pool task. */
    private final class Group {
        final Set<Paced> streams = ConcurrentHashMap.newKeySet();
        final AtomicBoolean busy = new AtomicBoolean();

        void tick(long now) {
            long delay = System.nanoTime() - now;
            if (delay > maxDispatchDelayNanos) {
                maxDispatchDelayNanos = delay;
            }
            try {
                for (Paced stream : streams) {
                    try {
                        stream.tick(now);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "A media stream failed on the clock; removing it", e);
                        remove(stream);
                    }
                }
            } finally {
                busy.set(false);
            }
        }
    }
}
