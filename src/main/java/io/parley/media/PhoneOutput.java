package io.parley.media;

/**
 * The way out to one phone party, as the media core sees it: 20 ms μ-law frames, marks the carrier echoes once
 * what came before them has played, and {@code clear}, which drops what the carrier holds unplayed. The carrier's
 * wire format lives behind it (Twilio's JSON messages, in {@code telephony}). Every method queues and returns at
 * once; the one implementation per stream is its only writer.
 */
public interface PhoneOutput {

    /** One frame of audio, μ-law at 8 kHz; the carrier buffers and plays frames in order. */
    void audio(byte[] mulaw);

    /** Asks the carrier to echo {@code name} once everything sent before it has played. */
    void mark(String name);

    /** Drops whatever the carrier has buffered and not played; pending marks are echoed. */
    void clear();

    /** Messages queued or being written. */
    int pending();

    /** {@link System#nanoTime()} when the write in progress began, or 0 when nothing is being written. */
    long busySince();

    /** Ends the stream with a WebSocket-style close code and a reason the peer sees; idempotent, never blocks. */
    void close(int code, String reason);
}
