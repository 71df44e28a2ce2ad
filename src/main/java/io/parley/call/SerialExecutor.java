package io.parley.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one call's tasks one at a time, in order, on a shared pool (Liberty's managed executor), so call state
 * needs no locks and no thread is held while the call is idle. The queue is bounded: {@link #offer} says no
 * rather than letting a flood of work grow the heap. Each drain runs inside {@code scope}, which is how
 * {@code @CallScoped} beans become active for the call's tasks.
 */
public final class SerialExecutor implements Executor {

    /** Tasks run per turn on the pool before the drain yields its thread to other calls. */
    private static final int BATCH = 64;
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final String name;
    private final Executor pool;
    private final int capacity;
    private final Consumer<Runnable> scope;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean shutdown = new AtomicBoolean();

    /**
     * @param scope runs a batch of tasks, setting up whatever context they need around it
     */
    public SerialExecutor(String name, Executor pool, int capacity, Consumer<Runnable> scope) {
        this.name = name;
        this.pool = pool;
        this.capacity = capacity;
        this.scope = scope;
        LIVE.incrementAndGet();
    }

    /** Executors created and not yet shut down, over the whole application. */
    public static int live() {
        return LIVE.get();
    }

    /** Queues the task; false when the queue is full or the executor is shut down. Never blocks. */
    public boolean offer(Runnable task) {
        if (shutdown.get()) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    /** Like {@link #offer}, but ignores the capacity: for the few control tasks that must not be lost. */
    @Override
    public void execute(Runnable task) {
        if (shutdown.get()) {
            return;
        }
        queued.incrementAndGet();
        tasks.add(task);
        schedule();
    }

    public int queued() {
        return queued.get();
    }

    /** Stops taking tasks; tasks already queued are dropped. Idempotent. */
    public void shutdown() {
        if (shutdown.compareAndSet(false, true)) {
            LIVE.decrementAndGet();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false);
                LOG.log(Level.SEVERE, "Executor for " + name + " could not be scheduled", e);
            }
        }
    }

    private void drain() {
        scope.accept(this::runBatch);
        scheduled.set(false);
        if (!tasks.isEmpty() && !shutdown.get()) {
            schedule();
        }
    }

    private void runBatch() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            queued.decrementAndGet();
            if (shutdown.get()) {
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "A task of " + name + " failed", e);
            }
        }
    }
}
