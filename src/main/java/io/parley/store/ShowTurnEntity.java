package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code show_turns}. */
@Entity
@Table(name = "show_turns")
@IdClass(ShowPartKey.class)
public class ShowTurnEntity {

    @Id
    @Column(name = "show_id")
    long showId;

    @Id
    long seq;

    @Column(nullable = false)
    String speaker;

    @Column(nullable = false)
    String kind;

    @Column(name = "speaker_key", nullable = false)
    String speakerKey;

    @Column(nullable = false)
    String text;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "ended_at", nullable = false)
    Instant endedAt;

    boolean interrupted;

    String mood;

    protected ShowTurnEntity() {
        // for Jakarta Persistence
    }

    ShowTurnEntity(ShowTurnRow row) {
        showId = row.showId();
        seq = row.seq();
        speaker = row.speaker();
        kind = row.kind();
        speakerKey = row.speakerKey();
        text = row.text();
        startedAt = row.startedAt();
        endedAt = row.endedAt();
        interrupted = row.interrupted();
        mood = row.mood();
    }

    /** The turn as it now stands (its mood read); through a method, for the woven change tracking. */
    void update(ShowTurnRow row) {
        mood = row.mood();
        text = row.text();
        interrupted = row.interrupted();
        endedAt = row.endedAt();
    }

    ShowTurnRow toRow() {
        return new ShowTurnRow(showId, seq, speaker, kind, speakerKey, text, startedAt, endedAt, interrupted, mood);
    }
}
