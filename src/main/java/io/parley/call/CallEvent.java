package io.parley.call;

/**
 * What happens to calls, fired as CDI events by the {@link CallRegistry} for metrics, logs and the store to
 * observe. Observers run on the thread that changed the call (a call's executor, a webhook): they hand off and
 * never wait.
 */
public sealed interface CallEvent {

    CallRecord call();

    /** Parley learned of a new call (inbound webhook, outbound call placed, or a status report for an unknown call). */
    record Started(CallRecord call) implements CallEvent {
    }

    /** The call reached a terminal status. */
    record Ended(CallRecord call) implements CallEvent {
    }

    /** Anything else of the call changed: its status, its parties, its media stream's final figures. */
    record Changed(CallRecord call) implements CallEvent {
    }

    /** A turn was added to the call's conversation, at place {@code seq} (0 is the first). */
    record TurnTaken(CallRecord call, int seq, ConversationTurn turn) implements CallEvent {
    }
}
