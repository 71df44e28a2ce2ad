package io.parley.call;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Twilio's call statuses, ranked by how far a call has progressed. Twilio does not promise to deliver status
 * callbacks in order, so a call only ever moves to a status of a higher rank.
 */
public enum CallStatus {
    QUEUED("queued", 0),
    INITIATED("initiated", 1),
    RINGING("ringing", 2),
    IN_PROGRESS("in-progress", 3),
    COMPLETED("completed", 4),
    BUSY("busy", 4),
    FAILED("failed", 4),
    NO_ANSWER("no-answer", 4),
    CANCELED("canceled", 4);

    private final String twilioName;
    private final int rank;

    CallStatus(String twilioName, int rank) {
        this.twilioName = twilioName;
        this.rank = rank;
    }

    public String twilioName() {
        return twilioName;
    }

    public boolean isTerminal() {
        return rank == COMPLETED.rank;
    }

    /** True when moving from this status to {@code next} is progress, never a step back or sideways. */
    public boolean precedes(CallStatus next) {
        return next.rank > rank;
    }

    public static Optional<CallStatus> fromTwilio(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.twilioName.equals(wanted)).findFirst();
    }
}
