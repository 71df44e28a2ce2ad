package io.parley.call;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Parley knows of one call. Immutable: the registry replaces a record with the next one atomically.
 *
 * @param updatedAt       when the call's status last changed (a call that stays still too long is expired)
 * @param durationSeconds Twilio's {@code CallDuration} once the call has ended, else null
 * @param endReason       why the call ended, once it has: what its media stream ended with, Twilio's final
 *                        status, or that it expired; else null
 * @param media           the final figures of the call's media stream once it has ended, else null
 * @param turns           the conversation so far: who said what, and how long each reply took
 */
public record CallRecord(String callSid, Direction direction, String from, String to, CallStatus status,
                         Instant createdAt, Instant updatedAt, Instant answeredAt, Instant endedAt,
                         Long durationSeconds, String endReason, MediaStats media, List<ConversationTurn> turns) {

    /** Times are kept to the microsecond, as the database keeps them, so a call reads back as it was. */
    public CallRecord {
        turns = List.copyOf(turns);
        createdAt = micros(createdAt);
        updatedAt = micros(updatedAt);
        answeredAt = micros(answeredAt);
        endedAt = micros(endedAt);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    /** A call Parley has just heard of, before any status report is applied. */
    public static CallRecord newCall(String callSid, Direction direction, String from, String to, Instant now) {
        return new CallRecord(callSid, direction, from, to, CallStatus.QUEUED, now, now, null, null, null, null, null,
                List.of());
    }

    /** The caller of a call is the other party: who rang in, or who was rung. */
    public String callerNumber() {
        return direction == Direction.INBOUND ? from : to;
    }

    /** How the end reason of a call Parley turned away begins. */
    public static final String REJECTED = "rejected: ";

    /** Whether Parley turned the call away unanswered (a blocked or unknown caller). */
    public boolean rejected() {
        return status == CallStatus.BUSY && endReason != null && endReason.startsWith(REJECTED);
    }

    public boolean active() {
        return !status.isTerminal();
    }

    /**
     * The record after a status report. A report that is not progress (a late "ringing" after "completed")
     * changes nothing; a terminal one fixes the end time, the reason and the duration (Twilio's when given, else
     * measured from the answer).
     *
     * @param reason why the call ended, for a terminal status (null: Twilio's status says it)
     */
    public CallRecord withStatus(CallStatus next, Optional<Long> reportedDuration, Instant at, String reason) {
        if (!status.precedes(next)) {
            if (next == status && next.isTerminal() && reportedDuration.isPresent()) {
                return new CallRecord(callSid, direction, from, to, status, createdAt, updatedAt, answeredAt, endedAt,
                        reportedDuration.get(), endReason, media, turns);
            }
            return this;
        }
        Instant answered = answeredAt == null && next == CallStatus.IN_PROGRESS ? at : answeredAt;
        if (!next.isTerminal()) {
            return new CallRecord(callSid, direction, from, to, next, createdAt, at, answered, null, null, null, media,
                    turns);
        }
        long duration = reportedDuration.orElseGet(
                () -> answered == null ? 0L : Duration.between(answered, at).toSeconds());
        String why = reason != null ? reason : "Twilio reported the call " + next.twilioName();
        return new CallRecord(callSid, direction, from, to, next, createdAt, at, answered, at, duration, why, media,
                turns);
    }

    /** Fills in the parties when the record was created from a report that lacked them. */
    public CallRecord withPartiesIfMissing(String newFrom, String newTo) {
        return new CallRecord(callSid, direction, from == null ? newFrom : from, to == null ? newTo : to, status,
                createdAt, updatedAt, answeredAt, endedAt, durationSeconds, endReason, media, turns);
    }

    public CallRecord withMedia(MediaStats finalMedia) {
        return new CallRecord(callSid, direction, from, to, status, createdAt, updatedAt, answeredAt, endedAt,
                durationSeconds, endReason, finalMedia, turns);
    }

    public CallRecord withTurn(ConversationTurn turn) {
        List<ConversationTurn> more = new ArrayList<>(turns);
        more.add(turn);
        return new CallRecord(callSid, direction, from, to, status, createdAt, updatedAt, answeredAt, endedAt,
                durationSeconds, endReason, media, more);
    }
}
