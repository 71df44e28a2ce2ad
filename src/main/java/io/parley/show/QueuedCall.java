package io.parley.show;

import io.parley.store.QueueRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A caller on the show line, as the console sees them: who (number, the caller's record, whether they have called
 * before and what about), what the screener or producer learned (name, topic, notes, priority), and where they are.
 *
 * @param callerName   the name in the caller's record, if any (a returning caller)
 * @param lastSummary  the summary of their last call, for a returning caller
 * @param server       the server that holds their stream
 */
public record QueuedCall(String callSid, String from, Long callerId, String callerName, boolean returning,
                         String lastSummary, String name, String topic, QueueStatus status, int priority,
                         String notes, Instant enqueuedAt, String server) {

    /** Longest name, topic and notes kept. */
    static final int MAX_NAME = 100;
    static final int MAX_TOPIC = 500;
    static final int MAX_NOTES = 2000;

    public QueuedCall {
        name = clip(name, MAX_NAME);
        topic = clip(topic, MAX_TOPIC);
        notes = clip(notes, MAX_NOTES);
    }

    /** A caller just answered on the show line. */
    static QueuedCall arrived(String callSid, String from, Long callerId, String callerName, String lastSummary,
                              Instant at, String server) {
        return new QueuedCall(callSid, from, callerId, callerName, callerName != null || lastSummary != null,
                lastSummary, callerName, null, QueueStatus.SCREENING, 0, null, at, server);
    }

    public QueuedCall withStatus(QueueStatus next) {
        return new QueuedCall(callSid, from, callerId, callerName, returning, lastSummary, name, topic, next, priority,
                notes, enqueuedAt, server);
    }

    public QueuedCall withScreening(String newName, String newTopic) {
        return new QueuedCall(callSid, from, callerId, callerName, returning, lastSummary,
                newName == null ? name : newName, newTopic == null ? topic : newTopic, status, priority, notes,
                enqueuedAt, server);
    }

    /** A producer's edit: each field given replaces the one here. */
    public QueuedCall edited(Optional<String> newName, Optional<String> newTopic, Optional<String> newNotes,
                             Optional<Integer> newPriority) {
        return new QueuedCall(callSid, from, callerId, callerName, returning, lastSummary, newName.orElse(name),
                newTopic.orElse(topic), status, priority(newPriority), newNotes.orElse(notes), enqueuedAt, server);
    }

    private int priority(Optional<Integer> newPriority) {
        return newPriority.orElse(priority);
    }

    /** The name to call them by: what they said, else their record's, else "Caller". */
    public String displayName() {
        return name != null && !name.isBlank() ? name : callerName != null ? callerName : "Caller";
    }

    public Duration waited(Instant now) {
        return Duration.between(enqueuedAt, now).isNegative() ? Duration.ZERO : Duration.between(enqueuedAt, now);
    }

    QueueRow toRow(Instant now) {
        return new QueueRow(callSid, server, from, callerId, name, topic, status.label(), priority, notes, enqueuedAt,
                now);
    }

    /** A row another server wrote (or this one, before its memory of it); what only memory knew is unknown. */
    static QueuedCall of(QueueRow row) {
        return new QueuedCall(row.callSid(), row.from(), row.callerId(), null, false, null, row.name(), row.topic(),
                QueueStatus.of(row.status()).orElse(QueueStatus.WAITING), row.priority(), row.notes(),
                row.enqueuedAt(), row.serverId());
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}
