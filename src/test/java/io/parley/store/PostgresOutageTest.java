package io.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;
import io.parley.call.Direction;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away under the write-behind path, for real: the database refuses connections and its sessions
 * are killed while turns are written; once it takes connections again, every turn lands. And several servers
 * migrating one database at once.
 */
class PostgresOutageTest {

    @Test
    void turnsWrittenWhileTheDatabaseIsAwayLandWhenItComesBack() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Schema.migrate(db.dataSource, getClass().getClassLoader());
            EntityManagerFactory emf = db.persistenceUnit();
            WriteBehind writes = new WriteBehind(new JournalWriter(emf, "outage-test")::write, 10_000, 500,
                    Duration.ofMillis(500), Executors.defaultThreadFactory());
            writes.start();
            String sid = String.format("CA%032x", 0xdead);
            Instant t0 = Instant.parse("2026-12-03T00:00:00Z");
            writes.offer(new StoreWrite.SaveCall(CallRecord.newCall(sid, Direction.INBOUND, "+15554440001",
                    "+15005550006", t0)));
            int seq = 0;
            for (; seq < 50; seq++) {
                writes.offer(turn(sid, seq, t0));
            }
            awaitEmpty(writes, Duration.ofSeconds(10));

            setConnectionsAllowed(db, false);
            for (; seq < 250; seq++) {
                writes.offer(turn(sid, seq, t0));
                Thread.sleep(5);
            }
            Thread.sleep(1500);
            // EclipseLink itself retries a statement whose connection broke (3 times, 5 s apart) before the
            // batch fails: the writes wait in the queue all the same
            assertEquals(51, writes.written(), "nothing landed while the database was away");
            assertTrue(writes.backlog() >= 200, "the turns wait in the queue: " + writes.backlog());
            long failed = writes.failedBatches();
            System.out.printf("PostgreSQL away for about 2.5 s: %d batches failed, %d writes queued%n", failed,
                    writes.backlog());

            setConnectionsAllowed(db, true);
            awaitEmpty(writes, Duration.ofSeconds(15));
            CallHistory history = new CallHistory(emf);
            assertEquals(250, history.find(sid).orElseThrow().turns().size(), "every turn landed");
            assertEquals(0, writes.lost());
            writes.close();
            emf.close();
        }
    }

    @Test
    void serversStartingAtOnceMigrateOneDatabaseOnce() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            ExecutorService servers = Executors.newFixedThreadPool(4);
            try {
                Callable<Integer> start = () -> Schema.migrate(db.dataSource, getClass().getClassLoader());
                List<Future<Integer>> applied = servers.invokeAll(List.of(start, start, start, start));
                int total = 0;
                for (Future<Integer> f : applied) {
                    total += f.get();
                }
                assertEquals(Migrations.count(), total,
                        "one server applied the migrations, the others found them done");
            } finally {
                servers.shutdown();
            }
        }
    }

    private static StoreWrite turn(String sid, int seq, Instant t0) {
        return new StoreWrite.AddTurn(sid, seq, new ConversationTurn(seq % 2 == 0 ? "caller" : "agent",
                "turn " + seq, t0.plusMillis(seq * 100L), false, null, null, null, null));
    }

    private static void setConnectionsAllowed(TestDatabase db, boolean allowed) throws Exception {
        try (Connection admin = TestDatabase.admin(); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + db.name + " WITH ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name + "'");
            }
        }
    }

    private static void awaitEmpty(WriteBehind writes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writes.backlog() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, writes.backlog(), "the backlog drained");
    }
}
