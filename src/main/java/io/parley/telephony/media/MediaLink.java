package io.parley.telephony.media;

/**
 * The way back to Twilio for one media stream: the stream's only writer. {@link #send} queues and returns at
 * once; messages go out in order, one at a time.
 */
public interface MediaLink {

    /** Queues a text message for the caller's stream. Never blocks. */
    void send(String message);

    /** Messages queued or being written. */
    int pending();

    /** {@link System#nanoTime()} when the write in progress began, or 0 when nothing is being written. */
    long busySince();

    /** Ends the stream with a WebSocket close code and a reason the peer sees; idempotent, never blocks. */
    void close(int code, String reason);
}
