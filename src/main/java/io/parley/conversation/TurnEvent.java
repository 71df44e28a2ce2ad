package io.parley.conversation;

/** The turn detector's view of the caller's turn, at stream time (ms of caller audio since the call started). */
public sealed interface TurnEvent {

    /** The caller started a turn (or went on after a pause the detector had not committed). */
    record Started(long atMillis) implements TurnEvent {
    }

    /**
     * The caller paused. Work may start speculatively (the final transcript, a draft reply); nothing may be
     * played until {@link Committed}, and a {@link Resumed} discards it.
     *
     * @param commitAtMillis when the turn will be committed if the caller stays silent
     */
    record Paused(long speechEndMillis, String transcriptSoFar, long commitAtMillis) implements TurnEvent {
    }

    /** The caller went on speaking before the pause was committed: discard speculative work. */
    record Resumed(long atMillis) implements TurnEvent {
    }

    /** The turn is over: the agent may answer. */
    record Committed(long speechEndMillis, long committedAtMillis, String transcript) implements TurnEvent {
        public long waitMillis() {
            return committedAtMillis - speechEndMillis;
        }
    }
}
