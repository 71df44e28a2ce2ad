package io.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily latency histograms ({@code latency_days}, migration V4): counted when a turn is first stored and
 * uncounted when it is erased, in the same transaction, so they always agree with the turns. A report takes the
 * whole UTC days of its window from them and only the part-days at its edges from the turns themselves.
 */
final class LatencyDays {

    private static final String COUNT = "MERGE INTO latency_days d USING (SELECT CAST(?1 AS DATE) AS said_on, "
            + "CAST(?2 AS SMALLINT) AS stage, CAST(?3 AS BIGINT) AS value_ms) v "
            + "ON d.said_on = v.said_on AND d.stage = v.stage AND d.value_ms = v.value_ms "
            + "WHEN MATCHED THEN UPDATE SET turns = d.turns + 1 "
            + "WHEN NOT MATCHED THEN INSERT (said_on, stage, value_ms, turns) VALUES (v.said_on, v.stage, v.value_ms, 1)";
    private static final String UNCOUNT = "UPDATE latency_days SET turns = turns - ?1 "
            + "WHERE said_on = ?2 AND stage = ?3 AND value_ms = ?4";
    private static final String STAGES_OF_TURNS = "SELECT t.saidAt, t.transcriptMillis, t.firstTokenMillis, "
            + "t.firstAudioMillis, t.voiceToVoiceMillis, t.turnCommittedMillis FROM TurnEntity t ";

    private LatencyDays() {
    }

    /** Counts a turn stored for the first time (one with no timings counts nothing). */
    static void count(EntityManager em, TurnEntity turn) {
        Long[] values = turn.stages();
        for (int stage = 0; stage < values.length; stage++) {
            if (values[stage] != null) {
                em.createNativeQuery(COUNT).setParameter(1, day(turn.saidAt)).setParameter(2, stage)
                        .setParameter(3, values[stage]).executeUpdate();
            }
        }
    }

    /** Uncounts the turns of the calls of a caller about to be erased. */
    static void uncountCallsOf(EntityManager em, long callerId) {
        List<Object[]> rows = em.createQuery(STAGES_OF_TURNS + "WHERE t.callSid IN (SELECT c.callSid FROM CallEntity c "
                + "WHERE c.callerId = :id)", Object[].class).setParameter("id", callerId).getResultList();
        Map<List<Object>, Long> gone = new HashMap<>();
        for (Object[] row : rows) {
            LocalDate day = day(instant(row[0]));
            for (int stage = 0; stage < LatencyReport.STAGES.size(); stage++) {
                if (row[stage + 1] != null) {
                    gone.merge(List.of(day, stage, ((Number) row[stage + 1]).longValue()), 1L, Long::sum);
                }
            }
        }
        for (Map.Entry<List<Object>, Long> e : gone.entrySet()) {
            em.createNativeQuery(UNCOUNT).setParameter(1, e.getValue()).setParameter(2, e.getKey().get(0))
                    .setParameter(3, e.getKey().get(1)).setParameter(4, e.getKey().get(2)).executeUpdate();
        }
        if (!gone.isEmpty()) {
            em.createNativeQuery("DELETE FROM latency_days WHERE turns <= 0").executeUpdate();
        }
    }

    /** The report over [since, until): whole days from the histograms, the edges from the turns. */
    static LatencyReport report(EntityManager em, Instant since, Instant until) {
        LatencyHistogram histogram = new LatencyHistogram();
        LocalDate firstWhole = day(since.minusNanos(1)).plusDays(1); // the first day that begins at or after since
        LocalDate endWhole = day(until); // the days before it end at or before until
        if (firstWhole.isBefore(endWhole)) {
            List<Object[]> rows = em.createNativeQuery("SELECT stage, value_ms, SUM(turns) FROM latency_days "
                    + "WHERE said_on >= ?1 AND said_on < ?2 GROUP BY stage, value_ms").setParameter(1, firstWhole)
                    .setParameter(2, endWhole).getResultList();
            for (Object[] row : rows) {
                histogram.add(((Number) row[0]).intValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue());
            }
            addTurns(em, histogram, since, start(firstWhole));
            addTurns(em, histogram, start(endWhole), until);
        } else {
            addTurns(em, histogram, since, until);
        }
        return new LatencyReport(since, until, histogram.report());
    }

    private static void addTurns(EntityManager em, LatencyHistogram histogram, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return;
        }
        List<Object[]> rows = em.createQuery(STAGES_OF_TURNS + "WHERE t.saidAt >= :from AND t.saidAt < :to",
                        Object[].class).setParameter("from", from).setParameter("to", to)
                .getResultList();
        for (Object[] row : rows) {
            Long[] values = new Long[LatencyReport.STAGES.size()];
            for (int stage = 0; stage < values.length; stage++) {
                values[stage] = row[stage + 1] == null ? null : ((Number) row[stage + 1]).longValue();
            }
            histogram.add(values);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
