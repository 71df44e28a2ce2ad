package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code voicemails}. */
@Entity
@Table(name = "voicemails")
public class VoicemailEntity {

    @Id
    @SequenceGenerator(name = "voicemails_id", sequenceName = "voicemails_id", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "voicemails_id")
    Long id;

    @Column(name = "call_sid", nullable = false, unique = true)
    String callSid;

    @Column(name = "from_number")
    String from;

    @Column(name = "caller_id")
    Long callerId;

    String name;

    String topic;

    @Column(nullable = false)
    String reason;

    @Column(nullable = false)
    String path;

    long millis;

    long bytes;

    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected VoicemailEntity() {
        // for Jakarta Persistence
    }

    VoicemailEntity(VoicemailRow row) {
        callSid = row.callSid();
        from = row.from();
        callerId = row.callerId();
        name = row.name();
        topic = row.topic();
        reason = row.reason();
        path = row.path();
        millis = row.millis();
        bytes = row.bytes();
        recordedAt = row.recordedAt();
    }

    VoicemailRow toRow() {
        return new VoicemailRow(id, callSid, from, callerId, name, topic, reason, path, millis, bytes, recordedAt);
    }
}
