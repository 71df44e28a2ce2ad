package io.parley.store;

import io.parley.call.CallRecord;
import io.parley.call.CallState;
import io.parley.call.CallStatus;
import io.parley.call.ConversationTurn;
import io.parley.call.Direction;
import io.parley.call.MediaStats;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@code calls}: a call as {@code GET /api/calls/{sid}} shows it, without its turns (those are rows of
 * their own, written as they happen). Rewritten whole from the latest {@link CallRecord} on every change.
 */
@Entity
@Table(name = "calls")
public class CallEntity {

    @Id
    @Column(name = "call_sid")
    String callSid;

    @Column(name = "caller_id")
    Long callerId;

    @Column(name = "server_id", nullable = false)
    String serverId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Direction direction;

    @Column(name = "from_number")
    String from;

    @Column(name = "to_number")
    String to;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    CallStatus status;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "answered_at")
    Instant answeredAt;

    @Column(name = "ended_at")
    Instant endedAt;

    @Column(name = "duration_seconds")
    Long durationSeconds;

    @Column(name = "end_reason")
    String endReason;

    @Column(name = "stream_sid")
    String streamSid;

    @Enumerated(EnumType.STRING)
    @Column(name = "media_state")
    CallState mediaState;

    @Column(name = "media_reason")
    String mediaReason;

    @Column(name = "frames_in")
    Long framesIn;

    @Column(name = "frames_out")
    Long framesOut;

    @Column(name = "frames_dropped")
    Long framesDropped;

    @Column(name = "marks_sent")
    Long marksSent;

    @Column(name = "marks_echoed")
    Long marksEchoed;

    Long clears;

    @Column(name = "mark_round_trip_ms")
    Long markRoundTripMillis;

    @Column(name = "messages_refused")
    Long messagesRefused;

    String dtmf;

    String summary;

    @Column(name = "summarised_at")
    Instant summarisedAt;

    @Column(name = "recording_path")
    String recordingPath;

    @Column(name = "recording_ms")
    Long recordingMillis;

    @Column(name = "recording_bytes")
    Long recordingBytes;

    protected CallEntity() {
        // for Jakarta Persistence
    }

    CallEntity(String callSid, String serverId) {
        this.callSid = callSid;
        this.serverId = serverId;
    }

    /** Copies everything of the record but its turns. */
    void update(CallRecord call) {
        direction = call.direction();
        from = call.from();
        to = call.to();
        status = call.status();
        createdAt = call.createdAt();
        updatedAt = call.updatedAt();
        answeredAt = call.answeredAt();
        endedAt = call.endedAt();
        durationSeconds = call.durationSeconds();
        endReason = call.endReason();
        MediaStats m = call.media();
        if (m != null) {
            streamSid = m.streamSid();
            mediaState = m.state();
            mediaReason = m.reason();
            framesIn = m.framesIn();
            framesOut = m.framesOut();
            framesDropped = m.framesDropped();
            marksSent = m.marksSent();
            marksEchoed = m.marksEchoed();
            clears = m.clears();
            markRoundTripMillis = m.markRoundTripMillisAvg();
            messagesRefused = m.refused();
            dtmf = m.dtmf();
        }
    }

    /**
     * Ends a call its server left active when it died, at {@code end} (the last thing stored of it): answered
     * calls as completed, the others as failed. A method of the entity, so that the persistence provider's
     * woven change tracking sees the change.
     */
    void closeAsServerStopped(Instant end) {
        status = answeredAt != null || status == CallStatus.IN_PROGRESS ? CallStatus.COMPLETED : CallStatus.FAILED;
        endedAt = end;
        updatedAt = end;
        endReason = CallHistory.SERVER_STOPPED;
        if (answeredAt != null) {
            durationSeconds = Math.max(0, Duration.between(answeredAt, end).toSeconds());
        }
    }

    void summarise(String text, Instant at) {
        summary = text;
        summarisedAt = at;
    }

    void recorded(String path, long millis, long bytes) {
        recordingPath = path;
        recordingMillis = millis;
        recordingBytes = bytes;
    }

    void forgetRecording() {
        recordingPath = null;
        recordingMillis = null;
        recordingBytes = null;
    }

    Recording recording() {
        return recordingPath == null ? null : new Recording(recordingPath, n(recordingMillis), n(recordingBytes));
    }

    CallRecord toRecord(List<ConversationTurn> turns) {
        MediaStats media = mediaState == null ? null
                : new MediaStats(streamSid, mediaState, mediaReason, n(framesIn), n(framesOut), n(framesDropped),
                        n(marksSent), n(marksEchoed), n(clears), n(markRoundTripMillis), n(messagesRefused), dtmf);
        return new CallRecord(callSid, direction, from, to, status, createdAt, updatedAt, answeredAt, endedAt,
                durationSeconds, endReason, media, turns);
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }
}
