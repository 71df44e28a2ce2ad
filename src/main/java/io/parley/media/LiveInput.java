package io.parley.media;

import io.parley.audio.Pcm16;

/**
 * What a live party says, between its socket and the room that mixes it: a short jitter buffer of 20 ms frames at
 * 8 kHz. Audio arrives in any lengths (the phone sends 20 ms, a browser may send other sizes) and leaves a frame
 * at a time.
 *
 * <p>Frames reach the server with jitter (the network, the sender's clock, the socket's thread) and the room takes
 * them on its own clock. The buffer starts once a frame waits; a party whose frames come late enough to run it dry
 * gets a deeper buffer from then on: after an underrun it starts again only once {@value #PRIME} frames wait
 * (20 to 40 ms that absorb the jitter, where a buffer that played every frame the moment it came would run dry on
 * every late one, and each time slip the party 20 ms later), and it returns to one frame after
 * {@value #CALM_POPS} frames in a row without running dry. A frame the room asks for while it primes is silence
 * (an underrun, once it had started). It holds at most {@code maxFrames}: beyond that
 * the oldest audio is dropped, so a party whose audio arrives in a burst after a stall catches up instead of being
 * heard ever later; and one that holds more than it needs for a second sheds a frame.
 *
 * <p>Thread-safe: one producer (the call's executor, a socket's thread) and the clock's thread; a short lock.
 */
public final class LiveInput {

    /** Frames that must wait before the room takes the first of them, after the party's frames ran it dry. */
    static final int PRIME = 2;
    /** Frames without running dry after which a party's buffer returns to one frame: ten seconds. */
    static final int CALM_POPS = 500;
    /** Pops in a row with more frames waiting than needed after which one frame is shed: one second. */
    private static final int SHED_AFTER = 50;

    private final short[][] ring;
    /** When each held frame's last sample arrived ({@link System#nanoTime()}). */
    private final long[] arrived;
    private long lastPoppedArrival;
    private final int maxFrames;
    private final short[] partial = new short[Leg.FRAME_SAMPLES];
    private int partialFill;
    private int head;
    private int size;
    private long framesIn;
    private long framesOut;
    private long underruns;
    private long dropped;
    private boolean priming = true;
    /** Frames that must wait before the room takes the first of them: 1, or {@link #PRIME} after running dry. */
    private int target = 1;
    private int calmPops;
    private int deepPops;
    private long shed;

    /** @param maxFrames the most audio held, in frames: the latency the buffer can add at worst */
    public LiveInput(int maxFrames) {
        if (maxFrames <= PRIME) {
            throw new IllegalArgumentException("maxFrames must be more than " + PRIME);
        }
        this.maxFrames = maxFrames;
        this.ring = new short[maxFrames][Leg.FRAME_SAMPLES];
        this.arrived = new long[maxFrames];
    }

    /** Audio the party said, 8 kHz. */
    public void push(Pcm16 audio) {
        push(audio.requireRate(Pcm16.RATE_8K).samples(), 0, audio.sampleCount());
    }

    /** Samples the party said, 8 kHz. */
    public void push(short[] samples, int offset, int length) {
        push(samples, offset, length, System.nanoTime());
    }

    /** Samples the party said, 8 kHz, that arrived at {@code arrivedNanos}. */
    public synchronized void push(short[] samples, int offset, int length, long arrivedNanos) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int take = Math.min(Leg.FRAME_SAMPLES - partialFill, end - at);
            System.arraycopy(samples, at, partial, partialFill, take);
            partialFill += take;
            at += take;
            if (partialFill == Leg.FRAME_SAMPLES) {
                partialFill = 0;
                addFrame(arrivedNanos);
            }
        }
    }

    private void addFrame(long arrivedNanos) {
        if (size == maxFrames) {
            head = (head + 1) % maxFrames;
            size--;
            dropped++;
        }
        int slot = (head + size) % maxFrames;
        System.arraycopy(partial, 0, ring[slot], 0, Leg.FRAME_SAMPLES);
        arrived[slot] = arrivedNanos;
        size++;
        framesIn++;
    }

    /** The next frame into {@code frame}; false (and {@code frame} untouched) when none has arrived. */
    public synchronized boolean pop(short[] frame) {
        if (size == 0 && !priming) {
            priming = true;
            underruns++;
            target = PRIME;
            calmPops = 0;
        }
        if (priming) {
            if (size < target) {
                return false;
            }
            priming = false;
        }
        if (++calmPops >= CALM_POPS && target > 1) {
            target = 1;
            calmPops = 0;
        }
        deepPops = size > target ? deepPops + 1 : 0;
        if (deepPops >= SHED_AFTER) {
            head = (head + 1) % maxFrames;
            size--;
            shed++;
            deepPops = 0;
        }
        System.arraycopy(ring[head], 0, frame, 0, Leg.FRAME_SAMPLES);
        lastPoppedArrival = arrived[head];
        head = (head + 1) % maxFrames;
        size--;
        framesOut++;
        return true;
    }

    /** When the frame last taken by {@link #pop} arrived ({@link System#nanoTime()}). */
    public synchronized long lastPoppedArrival() {
        return lastPoppedArrival;
    }

    /** Drops what is held (the party left the room, or came back to it). */
    public synchronized void reset() {
        head = 0;
        size = 0;
        partialFill = 0;
        priming = true;
        deepPops = 0;
        target = 1;
        calmPops = 0;
    }

    public synchronized int depth() {
        return size;
    }

    public synchronized Stats stats() {
        return new Stats(framesIn, framesOut, underruns, dropped, shed);
    }

    /**
     * Frames in and out; times the buffer ran dry while audio flowed; frames dropped as the buffer overflowed, and
     * shed because it held more than it needed.
     */
    public record Stats(long framesIn, long framesOut, long underruns, long dropped, long shed) {
    }
}
