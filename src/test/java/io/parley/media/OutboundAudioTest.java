package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.MuLawAudio;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutboundAudioTest {

    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final FakeOutput link = new FakeOutput();
    private final AtomicReference<String> stall = new AtomicReference<>();
    private final OutboundAudio audio = new OutboundAudio(link,
            new OutboundAudio.Settings(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(3)),
            stall::set, () -> now);

    private static MuLawAudio frames(int count, int tag) {
        byte[] data = new byte[count * 160];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (tag + i / 160);
        }
        return new MuLawAudio(data);
    }

    private void runFor(long millis) {
        for (long t = 0; t < millis; t += 10) {
            now += 10 * MS;
            audio.tick(now);
        }
    }

    @Test
    void sendsNoMoreThanTheLeadAheadOfRealTime() {
        audio.play(frames(50, 0));
        audio.tick(now);
        assertEquals(5, link.count(FakeOutput.Frame.class), "100 ms lead = 5 frames at once");
        runFor(200);
        assertEquals(15, link.count(FakeOutput.Frame.class), "then one frame per 20 ms");
        runFor(10_000);
        assertEquals(50, link.count(FakeOutput.Frame.class));
        var first = assertInstanceOf(FakeOutput.Frame.class, link.sent.get(0));
        assertEquals(160, first.mulaw().length);
        assertArrayEquals(frames(1, 0).data(), first.mulaw());
    }

    @Test
    void aMarkFollowsItsSegmentAndItsEchoConfirmsIt() {
        audio.play(frames(3, 0));
        String mark = audio.mark("hello there");
        runFor(100);
        assertEquals(4, link.sent.size());
        assertEquals(new FakeOutput.Mark(mark), link.sent.get(3), "the mark goes right after its audio");
        now += 70 * MS;
        assertTrue(audio.markEchoed(mark));
        assertFalse(audio.markEchoed(mark), "a mark is confirmed once");
        assertFalse(audio.markEchoed("seg-999"), "a mark we never sent");
        var stats = audio.stats();
        assertEquals(1, stats.marksSent());
        assertEquals(3, stats.marksEchoed());
        assertTrue(stats.markRoundTripMillisAvg() >= 70, "round trip " + stats.markRoundTripMillisAvg());
    }

    @Test
    void aPartialFrameIsPaddedWithSilenceAtTheMark() {
        audio.play(new MuLawAudio(new byte[200]));
        audio.mark(null);
        runFor(100);
        assertEquals(2, link.count(FakeOutput.Frame.class));
        byte[] second = ((FakeOutput.Frame) link.sent.get(1)).mulaw();
        assertEquals(0, second[39]);
        assertEquals(MuLawAudio.SILENCE, second[40]);
    }

    @Test
    void clearDropsTheQueueTellsTwilioAndReportsWhatWasNotHeard() {
        audio.play(frames(25, 0));
        String first = audio.mark("first clause");
        audio.play(frames(25, 100));
        String second = audio.mark("second clause");
        runFor(200);
        long sentBefore = link.count(FakeOutput.Frame.class);
        assertEquals(15, sentBefore, "100 ms lead + 200 ms of real time");

        var report = audio.clear();
        assertEquals(new FakeOutput.Clear(), link.sent.get(link.sent.size() - 1));
        assertEquals(2, report.segments().size());
        var a = report.segments().get(0);
        assertEquals(first, a.mark());
        assertEquals("first clause", a.label());
        assertEquals(25, a.framesQueued());
        assertEquals(15, a.framesSent());
        assertEquals(9, a.framesHeard(), "190 ms have played since the first frame went out: 9 whole frames");
        var b = report.segments().get(1);
        assertEquals(second, b.mark());
        assertEquals(0, b.framesSent());
        assertEquals(0, b.framesHeard());
        assertEquals(41, report.framesUnheard());
        assertEquals(35, report.framesNeverSent());

        runFor(2000);
        assertEquals(sentBefore, link.count(FakeOutput.Frame.class), "nothing more after clear");
        assertFalse(audio.markEchoed(first), "Twilio echoes cleared marks; they confirm nothing");
        assertNull(stall.get());
    }

    @Test
    void aFastProducerIsHeldBackAndMemoryStaysBounded() {
        assertTrue(audio.play(frames(49, 0)), "under the 1 s limit");
        assertFalse(audio.play(frames(1, 0)), "at the limit: wait");
        CompletionStage<Void> ready = audio.whenReady();
        assertFalse(ready.toCompletableFuture().isDone());
        runFor(100);
        assertTrue(ready.toCompletableFuture().isDone(), "room again once frames went out");

        for (int i = 0; i < 10; i++) {
            audio.play(frames(50, 0));
        }
        var stats = audio.stats();
        assertTrue(stats.framesDropped() > 0, "beyond four times the limit audio is dropped");
        assertEquals(4000, stats.queuedMillis(), "the queue never holds more than 4 s");
    }

    @Test
    void aSocketThatTakesNoDataEndsTheStreamAfterTheTimeout() {
        audio.play(frames(50, 0));
        runFor(40);
        link.stalled = true;
        link.stalledSince = now;
        runFor(2900);
        assertNull(stall.get());
        runFor(200);
        assertTrue(stall.get().contains("socket has taken no data"), stall.get());
    }

    @Test
    void marksThatAreNeverEchoedMeanTheCallerIsNotListening() {
        audio.play(frames(5, 0));
        audio.mark("x");
        runFor(3050);
        assertNull(stall.get(), "3 s after the audio should have played");
        runFor(200);
        assertTrue(stall.get().contains("was not echoed"), stall.get());
    }
}
