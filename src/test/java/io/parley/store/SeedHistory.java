package io.parley.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Benchmark fixture (docs/PERFORMANCE.md): fills a database with a history of {@code calls} calls over the last
 * 90 days, six turns each (three agent turns with timings), from 5,000 callers, through plain JDBC batches. The
 * schema is Parley's own migrations. Usage: {@code SeedHistory <jdbc-url> <user> <calls>}.
 */
public final class SeedHistory {

    private SeedHistory() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int calls = Integer.parseInt(args[2]);
        Random random = new Random(12);
        Instant now = Instant.now();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, args[1], "")) {
            Schema.migrate(dataSource(url, args[1]), SeedHistory.class.getClassLoader());
            c.setAutoCommit(false);
            int callers = 5000;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO callers (id, phone_number, name, blocked, "
                    + "call_count, created_at) VALUES (NEXT VALUE FOR callers_id, ?, ?, FALSE, 0, ?)"
                    .replace("NEXT VALUE FOR callers_id", url.startsWith("jdbc:postgresql") ? "nextval('callers_id')"
                            : "NEXT VALUE FOR callers_id"))) {
                for (int i = 0; i < callers; i++) {
                    p.setString(1, number(i));
                    p.setString(2, i % 3 == 0 ? "Caller " + i : null);
                    p.setTimestamp(3, Timestamp.from(now.minus(Duration.ofDays(100))));
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
            try (PreparedStatement call = c.prepareStatement("INSERT INTO calls (call_sid, caller_id, server_id, "
                    + "direction, from_number, to_number, status, created_at, updated_at, answered_at, ended_at, "
                    + "duration_seconds, end_reason, summary) VALUES (?, (SELECT id FROM callers WHERE phone_number = ?),"
                    + " 'seed', 'INBOUND', ?, '+15005550006', 'COMPLETED', ?, ?, ?, ?, ?, 'the caller said goodbye', ?)");
                 PreparedStatement turn = c.prepareStatement("INSERT INTO turns (call_sid, seq, speaker, text, said_at, "
                         + "interrupted, transcript_ms, first_token_ms, first_audio_ms, voice_to_voice_ms, "
                         + "turn_committed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < calls; i++) {
                    String sid = String.format("CA%032x", 0x5eed0000000L + i);
                    String from = number(random.nextInt(callers));
                    Instant at = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(90).toMillis()));
                    call.setString(1, sid);
                    call.setString(2, from);
                    call.setString(3, from);
                    call.setTimestamp(4, Timestamp.from(at));
                    call.setTimestamp(5, Timestamp.from(at.plusSeconds(60)));
                    call.setTimestamp(6, Timestamp.from(at.plusSeconds(1)));
                    call.setTimestamp(7, Timestamp.from(at.plusSeconds(60)));
                    call.setLong(8, 59);
                    call.setString(9, "The caller said: \"what time do you open on saturday\"");
                    call.addBatch();
                    for (int t = 0; t < 6; t++) {
                        boolean agent = t % 2 == 0;
                        turn.setString(1, sid);
                        turn.setInt(2, t);
                        turn.setString(3, agent ? "agent" : "caller");
                        turn.setString(4, agent ? "We open at nine on Saturdays." : "what time do you open on saturday");
                        turn.setTimestamp(5, Timestamp.from(at.plusSeconds(2 + t * 8L)));
                        turn.setBoolean(6, false);
                        for (int k = 7; k <= 11; k++) {
                            if (agent && t > 0) {
                                turn.setLong(k, 100 + random.nextInt(k == 10 ? 900 : 300));
                            } else {
                                turn.setNull(k, java.sql.Types.BIGINT);
                            }
                        }
                        turn.addBatch();
                    }
                    if (i % 1000 == 999) {
                        call.executeBatch();
                        turn.executeBatch();
                        c.commit();
                    }
                }
                call.executeBatch();
                turn.executeBatch();
                c.commit();
            }
            try (var s = c.createStatement(); var v4 = SeedHistory.class.getResourceAsStream(
                    "/db/migration/V4__latency_days.sql")) {
                // the daily latency histograms, filled from the turns just inserted as migration V4 fills them
                for (String statement : new String(v4.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .split(";")) {
                    String sql = statement.lines().filter(l -> !l.startsWith("--")).collect(
                            java.util.stream.Collectors.joining("\n")).strip();
                    if (sql.startsWith("INSERT")) {
                        s.execute(sql);
                    }
                }
                s.execute("UPDATE callers SET call_count = (SELECT COUNT(*) FROM calls WHERE calls.caller_id = callers.id)");
                if (url.startsWith("jdbc:postgresql")) {
                    s.execute("ANALYZE");
                }
            }
            c.commit();
        }
        System.out.printf("seeded %d calls, %d turns in %.1f s%n", calls, calls * 6L,
                (System.nanoTime() - started) / 1e9);
    }

    private static javax.sql.DataSource dataSource(String url, String user) {
        if (url.startsWith("jdbc:postgresql")) {
            org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            return pg;
        }
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        return h2;
    }

    private static String number(int i) {
        return String.format("+1555%07d", 2_000_000 + i);
    }
}
