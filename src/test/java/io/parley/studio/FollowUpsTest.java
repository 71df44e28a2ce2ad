package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.store.Persona;
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
        public List<Persona> aiCallers() {
            return callers;
        }

        @Override
        public void callIn(Persona persona, Segment segment) {
            callersIn.add(persona.name());
            followedUp.add(segment);
        }
    };
    private static final Persona DOT = new Persona(2, "Dot", Persona.Role.CALLER, "v", "kevin16-high",
            "You are Dot, a lighthouse keeper.");
    private static final Persona VINCE = new Persona(3, "Vince", Persona.Role.CALLER, "v", "kevin16-low",
            "You are Vince, a drummer.");
    private List<Persona> callers = List.of(DOT, VINCE);
    private final List<String> callersIn = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FollowUps followUps(boolean auto, long delayMillis) {
        return new FollowUps(scheduler, FakeModels::embedded, floor, auto, delayMillis);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Caller n's segment, just over. */
    private static Segment segment(int n) {
        return new Segment("CA" + String.format("%032d", n), "Caller " + n, "topic " + n, Instant.EPOCH,
                Instant.now(), "Caller " + n + " called.");
    }

    @Test
    void theShowKeepsItsLatestSegmentsAndFindsOneByCallerOrTheLatest() {
        FollowUps followUps = followUps(false, 1000);
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
        FollowUps followUps = followUps(true, 200);
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

        long late = System.nanoTime();
        followUps.ended(new Segment("CA" + "9".repeat(32), "Caller 9", "", Instant.EPOCH,
                Instant.now().minusMillis(150), "Caller 9 called."));
        assertEquals("Caller 9", followedUp.poll(2, TimeUnit.SECONDS).caller());
        long after = (System.nanoTime() - late) / 1_000_000;
        assertTrue(after < 150, "the delay counts from leaving the air, not from the summary: " + after + " ms");
    }

    @Test
    void anotherCallerOnAirOrAutoTurnedOffMeansNoFollowUp() throws InterruptedException {
        FollowUps followUps = followUps(true, 100);
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

    @Test
    void aFollowUpPicksAnAiCallerWhoCallsInAndIsCountedOrSaysWhyNot() {
        FollowUps followUps = followUps(false, 1000);
        assertThrows(java.util.NoSuchElementException.class, () -> followUps.followUp(Optional.empty()),
                "nothing to follow up yet");
        followUps.ended(segment(1));
        followUps.ended(segment(2));
        assertThrows(java.util.NoSuchElementException.class, () -> followUps.followUp(Optional.of("CA-nobody")));

        FollowUp first = followUps.followUp(Optional.of(segment(1).key())).toCompletableFuture().join();
        assertEquals("Dot", first.persona());
        assertEquals("Caller 1", first.caller());
        FollowUp second = followUps.followUp(Optional.empty()).toCompletableFuture().join();
        assertEquals("Caller 2", second.caller(), "the latest segment");
        assertEquals("Vince", second.persona(), "the one who has followed up least");
        assertEquals(List.of("Dot", "Vince"), callersIn);
        assertEquals(List.of(first, second), followUps.made());

        callers = List.of();
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> followUps.followUp(Optional.empty()));
        assertTrue(none.getMessage().contains("no AI caller persona"), none.getMessage());
    }
}
