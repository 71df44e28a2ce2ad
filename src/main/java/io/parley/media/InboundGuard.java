package io.parley.media;

/**
 * Keeps one stream's inbound traffic within what Twilio ever sends: about 50 messages a second. A token bucket
 * lets bursts of {@value #BURST} messages through and refills at twice real time; a stream that keeps sending
 * faster, or keeps sending garbage, is told to go. Runs on the WebSocket thread; not thread-safe (the
 * container delivers one stream's messages one at a time).
 */
public final class InboundGuard {

    /** Messages a stream may send at once: 5 s of media. */
    public static final int BURST = 250;
    /** Sustained messages a second: twice real time. */
    public static final int RATE = 100;
    /** Refused messages after which a stream is closed. */
    public static final int MAX_REFUSED = 250;

    public enum Verdict {
        ACCEPT, DROP, CLOSE
    }

    private final long nanosPerToken = 1_000_000_000L / RATE;
    private double tokens = BURST;
    private long lastRefill;
    private long dropped;
    private long refused;

    public InboundGuard(long nowNanos) {
        this.lastRefill = nowNanos;
    }

    /** Whether a message that arrived at {@code nowNanos} may be handled. */
    public Verdict admit(long nowNanos) {
        tokens = Math.min(BURST, tokens + (double) (nowNanos - lastRefill) / nanosPerToken);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        dropped++;
        return dropped > MAX_REFUSED ? Verdict.CLOSE : Verdict.DROP;
    }

    /** A message was malformed or out of protocol: whether the stream may go on. */
    public Verdict refuse() {
        refused++;
        return refused > MAX_REFUSED ? Verdict.CLOSE : Verdict.DROP;
    }
}
