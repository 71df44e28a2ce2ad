package io.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRecord;
import io.parley.call.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    private final List<StoreWrite> landed = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    private static StoreWrite write(int i) {
        return new StoreWrite.SaveCall(CallRecord.newCall(String.format("CA%032x", i), Direction.INBOUND, "+1555",
                "+1555", Instant.EPOCH));
    }

    private WriteBehind writeBehind(WriteBehind.Sink sink, int capacity) {
        return new WriteBehind(sink, capacity, 100, Duration.ofMillis(200), Executors.defaultThreadFactory());
    }

    @Test
    void writesLandInOrderInBatches() throws Exception {
        CountDownLatch firstBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteBehind writes = writeBehind(batch -> {
            firstBatch.countDown();
            release.await();
            batchSizes.add(batch.size());
            landed.addAll(batch);
        }, 1000);
        writes.start();
        writes.offer(write(0));
        assertTrue(firstBatch.await(5, TimeUnit.SECONDS));
        for (int i = 1; i < 251; i++) {
            assertTrue(writes.offer(write(i)));
        }
        assertEquals(251, writes.backlog(), "250 queued and one being written");
        release.countDown();
        writes.close(Duration.ofSeconds(5));
        assertEquals(251, landed.size());
        for (int i = 0; i < landed.size(); i++) {
            assertEquals(write(i), landed.get(i));
        }
        assertEquals(List.of(1, 100, 100, 50), batchSizes, "what was queued went in batches of at most 100");
        assertEquals(251, writes.written());
        assertEquals(251, writes.largestBacklog());
    }

    @Test
    void aFailingBatchIsRetriedUntilItLands() {
        AtomicInteger attempts = new AtomicInteger();
        WriteBehind writes = writeBehind(batch -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("Connection refused");
            }
            landed.addAll(batch);
        }, 1000);
        writes.start();
        for (int i = 0; i < 10; i++) {
            writes.offer(write(i));
        }
        writes.close(Duration.ofSeconds(5));
        assertEquals(10, landed.size());
        assertEquals(3, writes.failedBatches());
        assertEquals(0, writes.lost());
        assertFalse(writes.failing());
    }

    @Test
    void beyondItsBoundAWriteIsCountedAsLostNotWaitedFor() {
        WriteBehind writes = writeBehind(landed::addAll, 5);
        for (int i = 0; i < 8; i++) {
            writes.offer(write(i));
        }
        assertEquals(3, writes.lost());
        assertTrue(writes.full());
        writes.start();
        writes.close(Duration.ofSeconds(5));
        assertEquals(5, landed.size());
        assertFalse(writes.full());
    }

    @Test
    void aStopThatCannotFlushSaysHowManyAreLost() {
        WriteBehind writes = writeBehind(batch -> {
            throw new IllegalStateException("the database is down");
        }, 100);
        writes.start();
        for (int i = 0; i < 7; i++) {
            writes.offer(write(i));
        }
        writes.close(Duration.ofMillis(500));
        assertEquals(7, writes.lost());
        assertEquals(0, landed.size());
    }
}
