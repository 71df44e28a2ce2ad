package io.parley.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * Parley's state of a call's media session (Twilio's telephony status is {@link CallStatus}). A session is
 * CONNECTING until Twilio's {@code start}, then moves between LISTENING, THINKING and SPEAKING as the agent
 * works, and ends in ENDED or FAILED (with a reason).
 */
public enum CallState {
    CONNECTING, LISTENING, THINKING, SPEAKING, ENDED, FAILED;

    private static final Set<CallState> TALKING = EnumSet.of(LISTENING, THINKING, SPEAKING);

    public boolean isFinal() {
        return this == ENDED || this == FAILED;
    }

    /** Whether a session in this state may move to {@code next}. */
    public boolean canMoveTo(CallState next) {
        if (isFinal()) {
            return false;
        }
        if (next.isFinal()) {
            return true;
        }
        if (this == CONNECTING) {
            return next == LISTENING;
        }
        return TALKING.contains(next) && next != this;
    }
}
