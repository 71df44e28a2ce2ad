package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code show_queue}. */
@Entity
@Table(name = "show_queue")
public class QueueEntity {

    @Id
    @Column(name = "call_sid")
    String callSid;

    @Column(name = "server_id", nullable = false)
    String serverId;

    @Column(name = "from_number")
    String from;

    @Column(name = "caller_id")
    Long callerId;

    String name;

    String topic;

    @Column(nullable = false)
    String status;

    int priority;

    String notes;

    @Column(name = "enqueued_at", nullable = false)
    Instant enqueuedAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected QueueEntity() {
        // for Jakarta Persistence
    }

    QueueEntity(QueueRow row) {
        callSid = row.callSid();
        update(row);
    }

    void update(QueueRow row) {
        serverId = row.serverId();
        from = row.from();
        callerId = row.callerId();
        name = row.name();
        topic = row.topic();
        status = row.status();
        priority = row.priority();
        notes = row.notes();
        enqueuedAt = row.enqueuedAt();
        updatedAt = row.updatedAt();
    }

    QueueRow toRow() {
        return new QueueRow(callSid, serverId, from, callerId, name, topic, status, priority, notes, enqueuedAt,
                updatedAt);
    }
}
