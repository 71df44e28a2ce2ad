package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code shows}. */
@Entity
@Table(name = "shows")
public class ShowEntity {

    @Id
    @SequenceGenerator(name = "shows_id", sequenceName = "shows_id", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shows_id")
    Long id;

    @Column(nullable = false)
    String title;

    @Column(name = "server_id", nullable = false)
    String serverId;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "ended_at")
    Instant endedAt;

    @Column(name = "recording_dir")
    String recordingDir;

    protected ShowEntity() {
        // for Jakarta Persistence
    }

    ShowEntity(String title, String serverId, Instant startedAt) {
        this.title = title;
        this.serverId = serverId;
        this.startedAt = startedAt;
    }

    // Changes go through methods of the entity: Liberty weaves entities to track changes, and a field written from
    // another class is not seen.

    void recordedIn(String dir) {
        recordingDir = dir;
    }

    void end(Instant at) {
        if (endedAt == null) {
            endedAt = at;
        }
    }

    ShowRow toRow() {
        return new ShowRow(id, title, serverId, startedAt, endedAt, recordingDir);
    }
}
