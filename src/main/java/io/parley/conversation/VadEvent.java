package io.parley.conversation;

/** What the voice activity detector notices, at stream time (ms of caller audio since the call started). */
public sealed interface VadEvent {

    long atMillis();

    /**
     * One window sounded like speech: the caller may be starting to speak (not yet {@link SpeechStarted}). Early
     * enough to stop talking over them; a cough gives this too.
     */
    record SpeechLikely(long atMillis) implements VadEvent {
    }

    /** What gave {@link SpeechLikely} did not last long enough to be speech. */
    record SpeechUnlikely(long atMillis) implements VadEvent {
    }

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
