package io.parley.recording;

import io.parley.logging.LogSafe;
import io.parley.store.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes every call's recording. The media path hands it audio through a bounded queue and
 * never waits: when the queue is full (the disk far behind), audio is dropped from the recording and counted,
 * and the call does not notice. Every half second it writes out what has settled, so a crash loses at most the
 * last {@link #SETTLE_NANOS settling time} and a half of each call.
 */
final class RecordingWriter {

    /** How long after its time audio may still arrive (network jitter) or be cut (a {@code clear}). */
    static final long SETTLE_NANOS = 1_500_000_000L;
    private static final long SWEEP_NANOS = 500_000_000L;
    /** A call that ended and whose finish was lost to a full queue is finished after this quiet time. */
    private static final long ORPHAN_NANOS = 3_000_000_000L;
    private static final Logger LOG = Logger.getLogger(RecordingWriter.class.getName());

    /** What the media path hands over. */
    sealed interface Event {
        Track track();
    }

    record Open(Track track, Path part) implements Event {
    }

    record CallerAudio(Track track, long frame, byte[] mulaw) implements Event {
    }

    record SentAudio(Track track, long playStartNanos, byte[] mulaw) implements Event {
    }

    record Cleared(Track track, long atNanos) implements Event {
    }

    record Finish(Track track) implements Event {
    }

    private final BlockingQueue<Event> queue;
    private final Path directory;
    private final BiConsumer<String, Recording> finished;
    private final ThreadFactory threads;
    /** Open tracks, on the writer's thread only, with when each last heard anything. */
    private final Map<Track, long[]> open = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recordings = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param finished told of each finished recording (call SID, where it is), on the writer's thread
     */
    RecordingWriter(Path directory, int queueLimit, BiConsumer<String, Recording> finished, ThreadFactory threads) {
        this.directory = directory;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        this.finished = finished;
        this.threads = threads;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = threads.newThread(this::run);
        thread.setName("parley-recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands an event over; never waits. False (and counted) when the queue is full or the writer stopped. */
    boolean offer(Event event) {
        if (stopping || !queue.offer(event)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Stops taking events, writes what is queued and finishes every open recording, waiting up to
     * {@code timeoutMillis} for it.
     */
    void stop(long timeoutMillis) {
        Thread t;
        synchronized (this) {
            stopping = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warning("Recordings: the writer did not finish within " + timeoutMillis + " ms; the unfinished "
                    + "recordings are repaired at the next start");
        }
    }

    long dropped() {
        return dropped.get();
    }

    long backlog() {
        return queue.size();
    }

    long recordings() {
        return recordings.get();
    }

    long failures() {
        return failures.get();
    }

    private void run() {
        List<Event> batch = new ArrayList<>(1024);
        long lastSweep = System.nanoTime();
        try {
            while (!stopping || !queue.isEmpty()) {
                Event first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4095);
                    for (Event event : batch) {
                        handle(event);
                    }
                    batch.clear();
                }
                long now = System.nanoTime();
                if (now - lastSweep >= SWEEP_NANOS) {
                    sweep(now);
                    lastSweep = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Track track : List.copyOf(open.keySet())) {
                finish(track);
            }
        }
    }

    private void handle(Event event) {
        Track track = event.track();
        if (!(event instanceof Open) && !open.containsKey(track)) {
            return; // finished already, or it never opened
        }
        try {
            if (event instanceof Open o) {
                Files.createDirectories(o.part().getParent());
                track.open(o.part());
                open.put(track, new long[] {System.nanoTime()});
            } else if (event instanceof CallerAudio a) {
                track.put(Track.CALLER, a.frame(), a.mulaw());
            } else if (event instanceof SentAudio s) {
                track.put(Track.PARLEY, track.frameAt(s.playStartNanos()), s.mulaw());
            } else if (event instanceof Cleared c) {
                track.cut(Track.PARLEY, track.frameAt(c.atNanos()));
            } else if (event instanceof Finish) {
                finish(track);
            }
            long[] heard = open.get(track);
            if (heard != null) {
                heard[0] = System.nanoTime();
            }
        } catch (IOException | RuntimeException e) {
            fail(track, e);
        }
    }

    /** Writes out what has settled, and finishes calls that ended while the queue was too full to say so. */
    private void sweep(long now) {
        Iterator<Map.Entry<Track, long[]>> entries = open.entrySet().iterator();
        List<Track> orphans = new ArrayList<>();
        while (entries.hasNext()) {
            Map.Entry<Track, long[]> entry = entries.next();
            Track track = entry.getKey();
            try {
                track.settled(track.frameAt(now - SETTLE_NANOS));
            } catch (IOException | RuntimeException e) {
                entries.remove();
                track.abandon();
                report(track, e);
                continue;
            }
            if (track.ended() && now - entry.getValue()[0] > ORPHAN_NANOS) {
                orphans.add(track);
            }
        }
        orphans.forEach(this::finish);
    }

    private void finish(Track track) {
        if (open.remove(track) == null) {
            return;
        }
        try {
            long bytes = track.finish();
            Path wav = directory.resolve(track.relativePath);
            Files.move(track.part(), wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            recordings.incrementAndGet();
            if (track.lateSamples() > 0) {
                LOG.info(() -> "Call " + track.callSid + ": " + track.lateSamples() + " samples came too late for "
                        + "the recording and were left out");
            }
            finished.accept(track.callSid, new Recording(track.relativePath, WavLayout.millis(bytes),
                    bytes + WavLayout.HEADER_BYTES));
        } catch (IOException | RuntimeException e) {
            track.abandon();
            report(track, e);
        }
    }

    private void fail(Track track, Exception e) {
        open.remove(track);
        track.abandon();
        report(track, e);
    }

    private void report(Track track, Exception e) {
        failures.incrementAndGet();
        LOG.log(Level.WARNING, "Call " + LogSafe.text(track.callSid) + ": its recording stopped ("
                + e.getClass().getSimpleName() + ": " + LogSafe.text(String.valueOf(e.getMessage()))
                + "); what was written is kept", e instanceof IOException ? null : e);
    }
}
