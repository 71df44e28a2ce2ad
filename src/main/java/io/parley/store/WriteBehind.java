package io.parley.store;

import io.parley.logging.ThrottledLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded, batching path from the calls to the database. {@link #offer} never waits: it queues the write,
 * or (when the queue is full) counts and logs it as lost. One thread writes what is queued, as much as is
 * there in one transaction (at most {@code batchSize}); while the database fails, it keeps the batch and tries
 * again with growing pauses (up to {@code maxBackoff}), and the queue takes the calls' writes meanwhile. A write
 * is queued for as long as the database takes to take it: at most one round trip when the database is well.
 */
public final class WriteBehind implements AutoCloseable {

    /** Where batches go: one transaction each, all or nothing, idempotent. */
    @FunctionalInterface
    public interface Sink {
        void write(List<StoreWrite> batch) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Sink sink;
    private final BlockingQueue<StoreWrite> queue;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Thread writer;
    private final ThrottledLog lossLog = new ThrottledLog(LOG);
    private final ThrottledLog failureLog = new ThrottledLog(LOG);

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong largestBacklog = new AtomicLong();
    private volatile int inFlight;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile boolean failing;

    public WriteBehind(Sink sink, int capacity, int batchSize, Duration maxBackoff, ThreadFactory threads) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.maxBackoff = maxBackoff;
        this.writer = threads.newThread(this::run);
        writer.setName("parley-store-writer");
        writer.setDaemon(true);
    }

    public void start() {
        writer.start();
    }

    public boolean started() {
        return writer.isAlive() || writer.getState() == Thread.State.TERMINATED;
    }

    /** Queues a write without waiting; false (counted, logged) when the backlog is at its bound. */
    public boolean offer(StoreWrite write) {
        if (queue.offer(write)) {
            largestBacklog.accumulateAndGet(queue.size() + (long) inFlight, Math::max);
            return true;
        }
        long n = lost.incrementAndGet();
        lossLog.warning(() -> "The database write backlog is full (" + queue.size() + " writes): a write for call "
                + write.about() + " is lost (" + n + " lost so far). Is the database down or too slow?");
        return false;
    }

    /** Writes queued or being written. */
    public long backlog() {
        return queue.size() + (long) inFlight;
    }

    /** Whether the backlog is at its bound: a write offered now is lost. */
    public boolean full() {
        return queue.remainingCapacity() == 0;
    }

    public long largestBacklog() {
        return largestBacklog.get();
    }

    public long written() {
        return written.get();
    }

    public long lost() {
        return lost.get();
    }

    public long failedBatches() {
        return failedBatches.get();
    }

    /** Whether the last attempt to write failed (the database is away, or refuses what it is given). */
    public boolean failing() {
        return failing;
    }

    /**
     * Writes everything queued and stops, or gives up after {@code timeout}: what could not be written by then
     * is logged with its count. The writer is never interrupted mid-batch (H2 closes its file on an interrupt).
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration timeout) {
        stopping = true;
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = backlog();
        if (writer.isAlive()) {
            abandoned = true;
            LOG.severe(() -> "The database did not take the last " + left + " writes within " + timeout.toSeconds()
                    + " s of the stop: they are lost");
            lost.addAndGet(left);
        }
    }

    private void run() {
        List<StoreWrite> batch = new ArrayList<>(batchSize);
        Duration backoff = FIRST_BACKOFF;
        while (!abandoned && !(stopping && queue.isEmpty() && batch.isEmpty())) {
            if (batch.isEmpty() && !take(batch)) {
                continue;
            }
            inFlight = batch.size();
            try {
                sink.write(batch);
                written.addAndGet(batch.size());
                if (failing) {
                    failing = false;
                    LOG.info(() -> "The database takes writes again; " + queue.size() + " more are queued");
                }
                batch.clear();
                inFlight = 0;
                backoff = FIRST_BACKOFF;
            } catch (Exception | LinkageError e) {
                failing = true;
                failedBatches.incrementAndGet();
                Duration wait = backoff;
                failureLog.log(Level.WARNING, () -> "A batch of " + batch.size() + " database writes failed ("
                        + WriteFailures.describe(e) + "); trying again in " + wait.toMillis() + " ms, " + queue.size()
                        + " more queued");
                pause(wait);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** Waits for the next write and takes what else is queued with it; false when none came. */
    private boolean take(List<StoreWrite> batch) {
        try {
            StoreWrite first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            return false;
        }
    }

    /** Sleeps before a retry; while stopping, retries go on (the stop's timeout bounds them). */
    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
    }
}
