package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FollowUpsTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<String> onAir = new AtomicReference<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final BlockingQueue<Segment> followedUp = new LinkedBlockingQueue<>();
    private final FollowUps.Floor floor = new FollowUps.Floor() {
        @Override
        public Optional<String> callerOnAir() {
            return Optional.ofNullable(onAir.get());
        }

        @Override
        public boolean busy() {
            return busy.get();
        }

        @Override
        public void followUp(Segment segment) {
            followedUp.add(segment);
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Segment segment(int n) {
        return new Segment("CA" + String.format("%032d", n), "Caller " + n, "topic " + n, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(n), "Caller " + n + " called.");
    }

    @Test
    void theShowKeepsItsLatestSegmentsAndFindsOneByCallerOrTheLatest() {
        FollowUps followUps = new FollowUps(scheduler, floor, false, 1000);
        assertTrue(followUps.find(Optional.empty()).isEmpty());
        for (int n = 1; n <= FollowUps.KEPT_SEGMENTS + 5; n++) {
            followUps.ended(segment(n));
        }
        List<Segment> earlier = followUps.earlier();
        assertEquals(FollowUps.KEPT_SEGMENTS, earlier.size());
        assertEquals("Caller 6", earlier.get(0).caller(), "the oldest go first");
        assertEquals("Caller 25", followUps.find(Optional.empty()).orElseThrow().caller());
        assertEquals("Caller 7", followUps.find(Optional.of(segment(7).key())).orElseThrow().caller());
        assertTrue(followUps.find(Optional.of(segment(2).key())).isEmpty());

        followUps.made(new FollowUp(Instant.now(), "Caller 7", segment(7).key(), "Dot", 2L, false, "picked"));
        assertEquals(1, followUps.countByPersona().get(2L));
        followUps.reset();
        assertTrue(followUps.earlier().isEmpty() && followUps.made().isEmpty() && followUps.countByPersona().isEmpty(),
                "a new show starts afresh");
    }

    @Test
    void autoFollowUpComesAfterTheDelayAndWaitsForTheFloor() throws InterruptedException {
        FollowUps followUps = new FollowUps(scheduler, floor, true, 200);
        busy.set(true);
        long ended = System.nanoTime();
        followUps.ended(segment(1));
        assertNull(followedUp.poll(900, TimeUnit.MILLISECONDS), "not while somebody speaks");
        busy.set(false);
        Segment due = followedUp.poll(2, TimeUnit.SECONDS);
        assertEquals("Caller 1", due == null ? null : due.caller());
        assertTrue(System.nanoTime() - ended >= 900_000_000L);

        long again = System.nanoTime();
        followUps.ended(segment(2));
        assertEquals("Caller 2", followedUp.poll(2, TimeUnit.SECONDS).caller());
        long took = (System.nanoTime() - again) / 1_000_000;
        assertTrue(took >= 190, "after the delay: " + took + " ms");
    }

    @Test
    void anotherCallerOnAirOrAutoTurnedOffMeansNoFollowUp() throws InterruptedException {
        FollowUps followUps = new FollowUps(scheduler, floor, true, 100);
        onAir.set("Bob");
        followUps.ended(segment(1));
        assertNull(followedUp.poll(600, TimeUnit.MILLISECONDS));
        FollowUp skipped = followUps.made().get(0);
        assertNull(skipped.persona());
        assertTrue(skipped.auto());
        assertEquals("skipped: Bob is on air", skipped.why());

        onAir.set(null);
        followUps.ended(segment(2));
        followUps.auto(false, 100);
        assertNull(followedUp.poll(600, TimeUnit.MILLISECONDS), "turned off before it was due");
        followUps.auto(true, 100);
        assertNull(followedUp.poll(400, TimeUnit.MILLISECONDS), "an earlier segment is not followed up later");
        followUps.ended(segment(3));
        assertEquals("Caller 3", followedUp.poll(2, TimeUnit.SECONDS).caller());
    }
}
