package io.parley.store;

import java.time.Instant;

/**
 * One turn of a show's studio conversation: its place, who said it (label, kind: host, caller or persona, and the
 * speaker's key), what the room heard, when, and the person's mood (null for a persona, or not read yet).
 */
public record ShowTurnRow(long showId, long seq, String speaker, String kind, String speakerKey, String text,
                          Instant startedAt, Instant endedAt, boolean interrupted, String mood) {
}
