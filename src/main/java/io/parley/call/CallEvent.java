package io.parley.call;

/** What happens to calls, fired as CDI events by the {@link CallRegistry} for metrics and logs to observe. */
public sealed interface CallEvent {

    CallRecord call();

    /** Parley learned of a new call (inbound webhook, outbound call placed, or a status report for an unknown call). */
    record Started(CallRecord call) implements CallEvent {
    }

    /** The call reached a terminal status. */
    record Ended(CallRecord call) implements CallEvent {
    }
}
