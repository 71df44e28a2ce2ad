package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code show_chapters}. */
@Entity
@Table(name = "show_chapters")
@IdClass(ShowPartKey.class)
public class ChapterEntity {

    @Id
    @Column(name = "show_id")
    long showId;

    @Id
    long seq;

    @Column(nullable = false)
    String title;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "call_sid")
    String callSid;

    @Column(name = "persona_id")
    Long personaId;

    String summary;

    protected ChapterEntity() {
        // for Jakarta Persistence
    }

    ChapterEntity(ChapterRow row) {
        showId = row.showId();
        seq = row.seq();
        set(row);
    }

    void set(ChapterRow row) {
        title = row.title();
        startedAt = row.startedAt();
        callSid = row.callSid();
        personaId = row.personaId();
        summary = row.summary();
    }

    ChapterRow toRow() {
        return new ChapterRow(showId, seq, title, startedAt, callSid, personaId, summary);
    }
}
