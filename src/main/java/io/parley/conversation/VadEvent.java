package io.parley.conversation;

/** What the voice activity detector notices, at stream time (ms of caller audio since the call started). */
public sealed interface VadEvent {

    long atMillis();

    /** The caller started speaking; {@code atMillis} is the start of the first voiced window. */
    record SpeechStarted(long atMillis) implements VadEvent {
    }

    /**
     * The caller has been silent for the configured minimum; {@code atMillis} is the end of the last voiced
     * window (the end of their speech), not the moment this was noticed.
     */
    record SpeechStopped(long atMillis, long noticedAtMillis) implements VadEvent {
    }
}
