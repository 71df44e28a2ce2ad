package io.parley.store;

import java.time.Instant;

/**
 * A chapter of a show: one per caller or segment, titled by topic, from {@code startedAt}; the caller's call or the
 * persona it belongs to, and its summary once the segment is over (null until then).
 */
public record ChapterRow(long showId, long seq, String title, Instant startedAt, String callSid, Long personaId,
                         String summary) {

    public ChapterRow withSummary(String text) {
        return new ChapterRow(showId, seq, title, startedAt, callSid, personaId, text);
    }
}
