package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.call.CallControl;
import io.parley.call.CallState;
import io.parley.media.FakeOutput;
import io.parley.media.OutboundAudio;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class EchoAgentTest {

    private static final long FRAME = 20_000_000L;

    private final FakeOutput link = new FakeOutput();
    private final OutboundAudio audio = new OutboundAudio(link, OutboundAudio.Settings.defaults(), why -> { });
    private final EchoAgent echo = new EchoAgent();
    private long now = System.nanoTime();

    private static Pcm16 frame(int value) {
        short[] s = new short[160];
        java.util.Arrays.fill(s, (short) value);
        return new Pcm16(8000, s);
    }

    private void hearAndTick(int frames) {
        for (int i = 0; i < frames; i++) {
            echo.hear(frame(1000));
            now += FRAME;
            audio.tick(now);
        }
    }

    @Test
    void echoesAfterABuildOutWithAMarkEverySecondAndClearsOnAKey() {
        echo.start(new Control());
        for (int i = 0; i < EchoAgent.BUILD_OUT_FRAMES - 1; i++) {
            echo.hear(frame(1000));
        }
        audio.tick(now);
        assertEquals(0, audio.stats().framesSent(), "nothing before the build-out is complete");

        hearAndTick(1);
        assertEquals(EchoAgent.BUILD_OUT_FRAMES, audio.stats().framesSent(), "the build-out goes out at once");

        hearAndTick(EchoAgent.SEGMENT_FRAMES - EchoAgent.BUILD_OUT_FRAMES);
        assertEquals(1, audio.stats().marksSent(), "a mark after each second of echo");
        assertEquals(EchoAgent.SEGMENT_FRAMES, audio.stats().framesSent());

        echo.dtmf("5");
        assertEquals(1, audio.stats().clears());
        assertEquals(new FakeOutput.Clear(), link.last());
    }

    @Test
    void aBacklogIsSkippedSoTheEchoDoesNotFallBehindForGood() {
        echo.start(new Control());
        hearAndTick(20);
        for (int i = 0; i < 50; i++) {       // a second of caller audio while nothing goes out (a hiccup)
            echo.hear(frame(1000));
        }
        assertTrue(audio.queuedMillis() <= EchoAgent.MAX_BACKLOG_MILLIS + 20,
                "the backlog stays bounded: " + audio.queuedMillis() + " ms");
        hearAndTick(100);
        assertTrue(audio.queuedMillis() <= EchoAgent.MAX_BACKLOG_MILLIS + 20);
    }

    private final class Control implements CallControl {

        @Override
        public long frameArrivedNanos() {
            return System.nanoTime();
        }

        @Override
        public String callSid() {
            return "CA1";
        }

        @Override
        public String streamSid() {
            return "MZ1";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public OutboundAudio audio() {
            return audio;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public void moveTo(CallState state) {
        }

        @Override
        public CallState state() {
            return CallState.LISTENING;
        }

        @Override
        public void joinRoom(io.parley.media.MixingRoom room) {
            throw new UnsupportedOperationException("the echo agent never moves its caller");
        }

        @Override
        public void leaveRoom() {
        }

        @Override
        public java.util.Optional<io.parley.media.MixingRoom> room() {
            return java.util.Optional.empty();
        }

        @Override
        public void hangUp(String reason) {
        }
    }
}
