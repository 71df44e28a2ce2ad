package io.parley.media;

import io.parley.audio.FrameAssembler;
import io.parley.audio.MuLawAudio;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Audio on its way to one caller. The call's producer (the agent, on the call's executor) queues audio in
 * segments, each closed by a mark; the shared {@link MediaClock} sends queued 20 ms frames no further than
 * {@code lead} ahead of real time, so that {@link #clear()} has little to throw away and an echoed mark says
 * precisely what the caller has heard.
 *
 * <p>Backpressure: {@link #play} says false once more than {@code queueLimit} of audio waits, and
 * {@link #whenReady()} completes when there is room again; audio beyond four times the limit is dropped and
 * counted, so a runaway producer cannot grow the heap. A socket that takes no data, or marks that the carrier never
 * echoes, end the stream through the {@link #OutboundAudio stall handler} after {@code stallTimeout}.
 *
 * <p>Threads: the producer methods run on the call's executor, {@link #tick} on the clock; a short lock
 * guards the queue between them. Nothing here blocks or does I/O beyond handing frames to the {@link PhoneOutput}.
 */
public final class OutboundAudio implements MediaClock.Paced {

    static final long FRAME_NANOS = 20_000_000L;
    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    /** Messages handed to the output and not yet written, beyond which the clock waits for the socket. */
    private static final int MAX_LINK_PENDING = 16;

    /** Pacing settings; see the {@code parley.media.*} keys in the README. */
    public record Settings(Duration lead, Duration queueLimit, Duration stallTimeout) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(160), Duration.ofSeconds(2), Duration.ofSeconds(10));
        }
    }

    /** What one segment of audio came to when it was cleared: how much was queued, sent, and (about) heard. */
    public record SegmentReport(String mark, String label, int framesQueued, int framesSent, int framesHeard) {
        public int framesUnheard() {
            return framesQueued - framesHeard;
        }
    }

    /**
     * The result of {@link #clear()}: every segment the caller had not fully heard. {@code framesHeard} is an
     * estimate from the playback timeline (the carrier plays what it gets in real time), exact to a frame or two.
     */
    public record ClearReport(List<SegmentReport> segments) {
        public int framesUnheard() {
            return segments.stream().mapToInt(SegmentReport::framesUnheard).sum();
        }

        public int framesNeverSent() {
            return segments.stream().mapToInt(s -> s.framesQueued() - s.framesSent()).sum();
        }
    }

    /**
     * Told what the caller hears, for a recording: each frame as it is sent, at the time it starts to play, and
     * each {@code clear}, from which on nothing sent before it plays. Called on the clock's thread and the call's
     * executor, under this stream's lock: it must only hand off.
     */
    public interface Tap {
        /** Told nothing worth keeping. */
        Tap NONE = new Tap() {
            @Override
            public void sent(long playStartNanos, byte[] mulaw) {
            }

            @Override
            public void cleared(long atNanos) {
            }
        };

        void sent(long playStartNanos, byte[] mulaw);

        void cleared(long atNanos);
    }

    /** Figures for the API and the logs. */
    public record Stats(long framesSent, long framesDropped, long marksSent, long marksEchoed, long clears,
                        long queuedMillis, long markRoundTripMillisAvg, long markRoundTripMillisMax) {
    }

    private final PhoneOutput out;
    private final long leadNanos;
    private final int highWater;
    private final int hardLimit;
    private final long stallNanos;
    private final Consumer<String> onStall;
    private final LongSupplier nanoTime;
    private final FrameAssembler assembler = new FrameAssembler();
    private final Tap tap;

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final ArrayDeque<Segment> unconfirmed = new ArrayDeque<>();
    private int queuedFrames;
    private long playEnd;
    private Segment open;
    private int segmentCount;
    private CompletableFuture<Void> ready;
    private boolean closed;

    private volatile long framesSent;
    private volatile long framesDropped;
    private volatile long marksSent;
    private volatile long marksEchoed;
    private volatile long clears;
    private long roundTripTotalNanos;
    private long roundTrips;
    private volatile long roundTripMaxNanos;

    /**
     * @param onStall told once, on the clock's thread, why the stream cannot go on; it must hand off at once
     */
    public OutboundAudio(PhoneOutput out, Settings settings, Consumer<String> onStall) {
        this(out, settings, onStall, System::nanoTime);
    }

    /** With a clock of the caller's choosing (tests, simulations). */
    public OutboundAudio(PhoneOutput out, Settings settings, Consumer<String> onStall, LongSupplier nanoTime) {
        this(out, settings, onStall, nanoTime, Tap.NONE);
    }

    /** Also telling {@code tap} what is played (a recording). */
    public OutboundAudio(PhoneOutput out, Settings settings, Consumer<String> onStall, LongSupplier nanoTime,
                         Tap tap) {
        this.nanoTime = nanoTime;
        this.tap = tap;
        this.out = out;
        this.leadNanos = Math.max(FRAME_NANOS, settings.lead().toNanos());
        this.highWater = (int) Math.max(1, settings.queueLimit().toNanos() / FRAME_NANOS);
        this.hardLimit = 4 * highWater;
        this.stallNanos = settings.stallTimeout().toNanos();
        this.onStall = onStall;
    }

    // ---- producer side: the call's executor ----

    /**
     * Queues audio for the caller, cut into 20 ms frames (a partial frame waits for more audio or the next
     * {@link #mark}). Returns false when the queue is over its limit: wait for {@link #whenReady()} before
     * playing more.
     */
    public boolean play(MuLawAudio audio) {
        assembler.push(audio, this::enqueue);
        synchronized (this) {
            return !closed && queuedFrames < highWater;
        }
    }

    /**
     * Queues one whole 20 ms frame at once, without the producer's assembler: for a room's mix, which makes exactly
     * one frame every 20 ms on the clock's thread. Safe from any thread. Returns false when the queue is over its
     * limit, as {@link #play} does.
     */
    public boolean playFrame(MuLawAudio frame) {
        if (frame.sampleCount() != FRAME_SAMPLES) {
            throw new IllegalArgumentException("a frame is " + FRAME_SAMPLES + " samples, not " + frame.sampleCount());
        }
        enqueue(frame);
        synchronized (this) {
            return !closed && queuedFrames < highWater;
        }
    }

    /**
     * Closes the current segment with a mark (padding a partial frame with silence) and returns the mark's
     * name; the carrier echoes it once the caller has heard everything before it.
     *
     * @param label what the segment was, for the report (for example the clause it speaks)
     */
    public String mark(String label) {
        assembler.flush(this::enqueue);
        synchronized (this) {
            Segment segment = open != null ? open : newSegment(label);
            if (label != null) {
                segment.label = label;
            }
            open = null;
            if (!closed) {
                queue.add(new MarkItem(segment));
            }
            return segment.mark;
        }
    }

    /** Completes once the queue is below its limit (at once if it is). */
    public synchronized CompletionStage<Void> whenReady() {
        if (closed || queuedFrames < highWater) {
            return CompletableFuture.completedFuture(null);
        }
        if (ready == null) {
            ready = new CompletableFuture<>();
        }
        return ready;
    }

    /**
     * Stops everything the caller has not heard: drops the queue, tells the carrier to {@code clear} its buffer, and
     * reports what was queued or sent but never heard.
     */
    public ClearReport clear() {
        assembler.discard();
        long now = nanoTime.getAsLong();
        List<SegmentReport> reports = new ArrayList<>();
        CompletableFuture<Void> waiting;
        synchronized (this) {
            Set<Segment> segments = new LinkedHashSet<>(unconfirmed);
            for (Object item : queue) {
                segments.add(item instanceof Frame f ? f.segment : ((MarkItem) item).segment);
            }
            if (open != null) {
                segments.add(open);
            }
            for (Segment s : segments) {
                reports.add(new SegmentReport(s.mark, s.label, s.framesQueued, s.framesSent, s.heardBy(now)));
            }
            queue.clear();
            unconfirmed.clear();
            queuedFrames = 0;
            open = null;
            playEnd = now;
            clears++;
            waiting = ready;
            ready = null;
            if (!closed) {
                out.clear();
                tap.cleared(now);
            }
        }
        if (waiting != null) {
            waiting.complete(null);
        }
        return new ClearReport(List.copyOf(reports));
    }

    /**
     * The carrier echoed a mark: the caller has heard its segment, and every segment before it.
     *
     * @return false for a mark that is not pending (cleared, or never sent by us)
     */
    public boolean markEchoed(String name) {
        long now = nanoTime.getAsLong();
        marksEchoed++;
        synchronized (this) {
            boolean pending = unconfirmed.stream().anyMatch(s -> s.mark.equals(name));
            if (!pending) {
                return false;
            }
            Segment s;
            do {
                s = unconfirmed.poll();
                long rtt = now - s.markSentAt;
                roundTripTotalNanos += rtt;
                roundTrips++;
                roundTripMaxNanos = Math.max(roundTripMaxNanos, rtt);
            } while (!s.mark.equals(name));
            return true;
        }
    }

    /** Stops sending; queued audio is dropped and a producer waiting for room is released. Idempotent. */
    public void close() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedFrames = 0;
            waiting = ready;
            ready = null;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Audio queued and not yet sent (beyond what is already on its way, at most the lead). */
    public synchronized long queuedMillis() {
        return queuedFrames * 20L;
    }

    public synchronized Stats stats() {
        long avg = roundTrips == 0 ? 0 : roundTripTotalNanos / roundTrips / 1_000_000;
        return new Stats(framesSent, framesDropped, marksSent, marksEchoed, clears, queuedFrames * 20L, avg,
                roundTripMaxNanos / 1_000_000);
    }

    // ---- clock side ----

    @Override
    public void tick(long now) {
        String stall = null;
        CompletableFuture<Void> waiting = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            while (!queue.isEmpty() && out.pending() < MAX_LINK_PENDING) {
                Object item = queue.peek();
                if (item instanceof Frame frame) {
                    if (playEnd - now >= leadNanos) {
                        break;
                    }
                    queue.poll();
                    queuedFrames--;
                    long start = Math.max(playEnd, now);
                    playEnd = start + FRAME_NANOS;
                    frame.segment.sent(start);
                    out.audio(frame.mulaw);
                    tap.sent(start, frame.mulaw);
                    framesSent++;
                } else {
                    Segment segment = ((MarkItem) queue.poll()).segment;
                    segment.markSentAt = now;
                    segment.markDueAt = Math.max(playEnd, now);
                    unconfirmed.add(segment);
                    out.mark(segment.mark);
                    marksSent++;
                }
            }
            if (ready != null && queuedFrames < highWater) {
                waiting = ready;
                ready = null;
            }
            long busy = out.busySince();
            Segment oldest = unconfirmed.peek();
            if (busy != 0 && now - busy > stallNanos) {
                stall = "the caller's socket has taken no data for " + (now - busy) / 1_000_000 + " ms";
            } else if (oldest != null && now - oldest.markDueAt > stallNanos) {
                stall = "mark " + oldest.mark + " was not echoed " + (now - oldest.markDueAt) / 1_000_000
                        + " ms after its audio should have played";
            }
            if (stall != null) {
                closed = true;
                queue.clear();
            }
        }
        if (waiting != null) {
            waiting.complete(null);
        }
        if (stall != null) {
            onStall.accept(stall);
        }
    }

    private void enqueue(MuLawAudio frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queuedFrames >= hardLimit) {
                framesDropped++;
                return;
            }
            if (open == null) {
                open = newSegment(null);
            }
            open.framesQueued++;
            queue.add(new Frame(frame.data(), open));
            queuedFrames++;
        }
    }

    private Segment newSegment(String label) {
        return new Segment("seg-" + (++segmentCount), label);
    }

    private record Frame(byte[] mulaw, Segment segment) {
    }

    private record MarkItem(Segment segment) {
    }

    /** A run of audio closed by one mark. Guarded by the enclosing instance. */
    private static final class Segment {
        final String mark;
        String label;
        int framesQueued;
        int framesSent;
        long firstPlayStart;
        long markSentAt;
        long markDueAt;

        Segment(String mark, String label) {
            this.mark = mark;
            this.label = label;
        }

        void sent(long playStart) {
            if (framesSent == 0) {
                firstPlayStart = playStart;
            }
            framesSent++;
        }

        int heardBy(long now) {
            if (framesSent == 0 || now <= firstPlayStart) {
                return 0;
            }
            return (int) Math.min(framesSent, (now - firstPlayStart) / FRAME_NANOS);
        }
    }
}
