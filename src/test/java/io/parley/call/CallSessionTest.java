package io.parley.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.media.InboundGuard;
import io.parley.media.MediaClock;
import io.parley.telephony.media.FakeLink;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import io.parley.telephony.media.TwilioOutput;
import io.parley.telephony.media.TwilioStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session outside the container: a thread pool for Liberty's, a recording link for the WebSocket. */
class CallSessionTest {

    private static final String STREAM = "MZ11111111111111111111111111111111";
    private static final String CALL = "CA22222222222222222222222222222222";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final MediaClock clock = new MediaClock(Executors.defaultThreadFactory(), pool);
    private final CallRegistry registry = new CallRegistry(new RecordingEvents(), 10);
    private final MediaSettings settings = new MediaSettings("test", 160, 2000, 3000, 50, 10, 5000);
    private final StreamTokens tokens = new StreamTokens();
    private final StreamAdmission admission = new StreamAdmission(tokens, registry);
    private final String token = tokens.issue();
    private final List<CallSession> live = new ArrayList<>();
    private final Map<CallSession, TwilioStream> wires = new java.util.concurrent.ConcurrentHashMap<>();
    private final FakeLink link = new FakeLink();
    private final TestAgent agent = new TestAgent();
    private final Tape tape = new Tape();
    private final CallRecorders recorders = (call, startNanos) -> {
        tape.call = call.callSid();
        return tape;
    };
    private final int executorsBefore = SerialExecutor.live();
    private final int contextsBefore = CallBeans.live();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdown();
        clock.stop();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** The call the voice webhook has connected: registered, its stream token issued. */
    @BeforeEach
    void connectTheCall() {
        registry.report(CALL, Direction.INBOUND, "+15551230000", "+15559870000", CallStatus.RINGING, Optional.empty());
        tokens.expect(CALL, token);
    }

    private CallSession open() {
        return open(link);
    }

    private CallSession open(FakeLink on) {
        TwilioOutput output = new TwilioOutput(on);
        CallSession session = new CallSession("media-test", output, new CallSession.Services(pool, clock, registry,
                settings, control -> agent, admission, s -> {
                    live.remove(s);
                    admission.release(s);
                }, recorders));
        live.add(session);
        wires.put(session, new TwilioStream(session, output));
        return session;
    }

    /** The Twilio side of a session: what the media-stream endpoint hands each message to. */
    private TwilioStream wire(CallSession session) {
        return wires.get(session);
    }

    private String start(String callSid) {
        return start(callSid, STREAM, token);
    }

    private static String start(String callSid, String streamSid, String token) {
        Map<String, String> parameters = new java.util.HashMap<>(
                Map.of("From", "+15551230000", "To", "+15559870000", "Direction", "inbound"));
        if (token != null) {
            parameters.put(StreamTokens.PARAMETER, token);
        }
        return TwilioMessages.writeEvent(new StreamEvent.Start(1, streamSid, "AC1", callSid, List.of("inbound"),
                new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1), parameters));
    }

    private static String media(int seq) {
        return TwilioMessages.writeEvent(new StreamEvent.Media(seq, STREAM, "inbound", seq, seq * 20L, new byte[160]));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private void assertNothingLeftBehind() {
        assertTrue(live.isEmpty(), "the session removed itself");
        assertEquals(executorsBefore, SerialExecutor.live(), "its executor is shut down");
        assertEquals(contextsBefore, CallBeans.live(), "its call context is destroyed");
        assertEquals(0, clock.size(), "it is off the media clock");
    }

    @Test
    void aCallFromStartToStop() throws Exception {
        CallSession session = open();
        assertEquals(CallState.CONNECTING, session.state());
        assertEquals(executorsBefore + 1, SerialExecutor.live());
        wire(session).receive("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        wire(session).receive(start(CALL));
        for (int i = 2; i < 12; i++) {
            wire(session).receive(media(i));
        }
        wire(session).receive("{\"event\":\"dtmf\",\"streamSid\":\"" + STREAM + "\",\"dtmf\":{\"digit\":\"7\"}}");
        await(() -> agent.heardSamples == 1600 && agent.digits.equals("7"), "the agent to hear 10 frames and a key");
        assertEquals(CallState.LISTENING, session.state());
        assertEquals("in-progress", registry.find(CALL).orElseThrow().status().twilioName());
        assertEquals(10, session.stats().framesIn());
        assertEquals("7", session.stats().dtmf());

        session.executor().execute(() -> session.audio().play(MuLawAudio.silence(480)));
        await(() -> tape.sent.size() == 3, "three frames to play");
        assertEquals(CALL, tape.call, "the recording is the call's");
        assertEquals(List.of(40L, 60L, 80L, 100L, 120L, 140L, 160L, 180L, 200L, 220L), tape.callerMillis,
                "the caller's frames reach the recorder with Twilio's timestamps");
        assertEquals(List.of(20_000_000L, 20_000_000L), List.of(tape.sent.get(1) - tape.sent.get(0),
                tape.sent.get(2) - tape.sent.get(1)), "Parley's frames, each when it starts to play");
        assertFalse(tape.finished);

        wire(session).receive("{\"event\":\"stop\",\"sequenceNumber\":\"13\",\"streamSid\":\"" + STREAM + "\"}");
        await(session::isEnded, "the session to end");
        assertTrue(tape.finished, "the recording is finished with the call");
        assertEquals(CallState.ENDED, session.state());
        assertEquals(1000, link.closeCode);
        assertTrue(agent.ended);
        CallRecord record = registry.find(CALL).orElseThrow();
        assertEquals("completed", record.status().twilioName());
        assertEquals(10, record.media().framesIn(), "the final figures stay with the call");
        assertNothingLeftBehind();
    }

    @Test
    void aStreamThatVanishesFailsTheSessionAndCleansUp() throws Exception {
        CallSession session = open();
        wire(session).receive(start(CALL));
        wire(session).receive(media(2));
        session.closed(1006, "");
        await(session::isEnded, "the session to end");
        assertEquals(CallState.FAILED, session.state());
        assertTrue(session.stats().reason().contains("stream lost (1006"), session.stats().reason());
        assertNothingLeftBehind();
    }

    @Test
    void serverShutdownEndsTheCallAndTellsTwilio() throws Exception {
        CallSession session = open();
        wire(session).receive(start(CALL));
        await(() -> session.state() == CallState.LISTENING, "the stream to start");
        session.shutdown();
        assertEquals(CallState.ENDED, session.state());
        assertEquals(1001, link.closeCode);
        assertEquals("call ended", link.closeReason);
        assertNothingLeftBehind();
    }

    @Test
    void badMessagesAreRefusedAndTheStreamGoesOn() throws Exception {
        CallSession session = open();
        wire(session).receive(media(1));
        wire(session).receive("{not json");
        wire(session).receive("{\"event\":\"media\",\"streamSid\":\"MZ1\"}");
        wire(session).receive("{\"event\":\"media\",\"media\":{\"payload\":\"***\"}}");
        wire(session).receive("{\"event\":\"media\",\"media\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(new byte[70_000]) + "\"}}");
        wire(session).receive("{\"event\":\"transcription\",\"text\":\"hi\"}");
        wire(session).receive(start(CALL));
        wire(session).receive(start("CA99999999999999999999999999999999"));
        wire(session).receive(media(3));
        await(() -> agent.heardSamples == 160, "the good frame after the bad ones");
        assertEquals(6, session.stats().refused(), "4 malformed, media before start, a second start");
        assertEquals(CALL, session.callSid(), "the second start changed nothing");
        assertFalse(session.isEnded());
        assertEquals(0, link.closeCode);
        wire(session).receive("{\"event\":\"stop\"}");
        await(session::isEnded, "the session to end");
        assertNothingLeftBehind();
    }

    @Test
    void endlessGarbageClosesTheStream() throws Exception {
        CallSession session = open();
        wire(session).receive(start(CALL));
        for (int i = 0; i <= InboundGuard.MAX_REFUSED; i++) {
            if (i > 0 && i % (InboundGuard.RATE / 2) == 0) {
                // Within the rate guard's allowance, so that every message is read and refused: sent all at
                // once, the last two would be dropped by the flood guard unread, and the test would depend on
                // how fast this loop runs.
                Thread.sleep(600);
            }
            wire(session).receive("garbage " + i);
        }
        await(session::isEnded, "the session to end");
        assertEquals(1008, link.closeCode);
        assertEquals("too many malformed messages", link.closeReason);
        assertNothingLeftBehind();
    }

    @Test
    void aFloodFasterThanRealTimeIsDroppedThenClosed() throws Exception {
        CallSession session = open();
        wire(session).receive(start(CALL));
        for (int i = 0; i < InboundGuard.BURST + InboundGuard.MAX_REFUSED + 50; i++) {
            wire(session).receive(media(i + 2));
        }
        await(session::isEnded, "the session to end");
        assertEquals(1008, link.closeCode);
        assertEquals("media arriving far faster than real time", link.closeReason);
        assertTrue(session.stats().framesDropped() > InboundGuard.MAX_REFUSED);
        assertTrue(agent.heardSamples <= (InboundGuard.BURST + InboundGuard.RATE) * 160,
                "beyond the burst (and a second of refill) the flood never reached the agent");
        assertNothingLeftBehind();
    }

    @Test
    void aBinaryFrameClosesTheStream() throws Exception {
        CallSession session = open();
        wire(session).receive(start(CALL));
        wire(session).receiveBinary(320);
        await(session::isEnded, "the session to end");
        assertEquals(1003, link.closeCode);
        assertEquals(CallState.FAILED, session.state());
        assertNothingLeftBehind();
    }

    @Test
    void aMediaFormatOtherThanTwiliosIsRefused() throws Exception {
        CallSession session = open();
        wire(session).receive(TwilioMessages.writeEvent(new StreamEvent.Start(1, STREAM, "AC1", CALL, List.of("inbound"),
                new StreamEvent.MediaFormat("audio/l16", 16000, 1), Map.of(StreamTokens.PARAMETER, token))));
        await(session::isEnded, "the session to end");
        assertEquals(1003, link.closeCode);
        assertTrue(session.stats().reason().contains("unsupported media format"));
        assertNothingLeftBehind();
    }

    @Test
    void aStartWithoutTheCallsTokenIsRefusedAndTheCallIsUntouched() throws Exception {
        for (String wrong : new String[] {null, "", tokens.issue(), token + "x"}) {
            FakeLink other = new FakeLink();
            CallSession intruder = open(other);
            wire(intruder).receive(start(CALL, STREAM, wrong));
            await(intruder::isEnded, "the intruder's session to end");
            assertEquals(1008, other.closeCode);
            assertEquals(CallSession.START_REFUSED, other.closeReason);
            assertEquals(null, intruder.callSid(), "the refused start named no call");
        }
        CallRecord untouched = registry.find(CALL).orElseThrow();
        assertEquals(CallStatus.RINGING, untouched.status());
        assertEquals(null, untouched.media());

        CallSession real = open();
        wire(real).receive(start(CALL));
        await(() -> real.state() == CallState.LISTENING, "the real stream, with its token, to start");
        assertEquals(CallStatus.IN_PROGRESS, registry.find(CALL).orElseThrow().status());
        assertFalse(real.parameters().containsKey(StreamTokens.PARAMETER), "the agent never sees the token");
        wire(real).receive("{\"event\":\"stop\"}");
        await(real::isEnded, "the session to end");
        assertNothingLeftBehind();
    }

    @Test
    void aReplayedStartCannotTakeACallThatHasItsStream() throws Exception {
        CallSession real = open();
        wire(real).receive(start(CALL));
        await(() -> real.state() == CallState.LISTENING, "the real stream to start");

        FakeLink other = new FakeLink();
        CallSession replay = open(other);
        wire(replay).receive(start(CALL));   // the very same start, token and all
        await(replay::isEnded, "the replay's session to end");
        assertEquals(1008, other.closeCode);
        assertFalse(real.isEnded(), "the real stream goes on");
        assertEquals(CallStatus.IN_PROGRESS, registry.find(CALL).orElseThrow().status());
        wire(real).receive("{\"event\":\"stop\"}");
        await(real::isEnded, "the session to end");
        assertNothingLeftBehind();
    }

    @Test
    void startsNamingNoCallOrAMalformedSidAreRefused() throws Exception {
        String otherCall = "CA33333333333333333333333333333333";
        tokens.expect("CA../../Accounts", token);
        for (String message : new String[] {start(otherCall), start("CA../../Accounts", STREAM, token),
                start(CALL, "MZ../x", token), start(CALL + "\nforged line", STREAM, token)}) {
            FakeLink other = new FakeLink();
            CallSession session = open(other);
            wire(session).receive(message);
            await(session::isEnded, "the session to end");
            assertEquals(1008, other.closeCode, message);
        }
        assertTrue(registry.find(otherCall).isEmpty(), "no call record was made up");
        assertEquals(CallStatus.RINGING, registry.find(CALL).orElseThrow().status());
    }

    @Test
    void aStartForAnEndedCallIsRefused() throws Exception {
        registry.report(CALL, Direction.INBOUND, null, null, CallStatus.COMPLETED, Optional.empty());
        CallSession session = open();
        wire(session).receive(start(CALL));
        await(session::isEnded, "the session to end");
        assertEquals(1008, link.closeCode);
    }

    @Test
    void aStreamThatNeverStartsIsClosed() throws Exception {
        CallSession session = open();
        wire(session).receive("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        long later = System.nanoTime() + 6_000_000_000L;
        assertTrue(session.awaitingStartSince(later) > settings.startTimeout().toNanos());
        session.startTimedOut(settings.startTimeout());
        await(session::isEnded, "the session to end");
        assertEquals(1008, link.closeCode);
        assertEquals("no start within 5000 ms", link.closeReason);
        assertNothingLeftBehind();
    }

    @Test
    void aMessageInPartsIsAssembledAndOneGrowingPastTheLimitEndsTheStreamAtOnce() throws Exception {
        CallSession session = open();
        String start = start(CALL);
        wire(session).receive(start.substring(0, 10), false);
        wire(session).receive(start.substring(10, 40), false);
        wire(session).receive(start.substring(40), true);
        await(() -> session.state() == CallState.LISTENING, "the start sent in three parts");

        String part = "x".repeat(16 * 1024);
        int parts = 0;
        while (!session.isEnded() && parts < 100_000) {   // 1.6 GB if nothing stopped it
            wire(session).receive(part, false);
            parts++;
            if (parts == 7) {
                await(session::isEnded, "the stream to end once the message passes 96 KiB");
            }
        }
        assertEquals(7, parts, "the seventh 16 KiB part passed the limit");
        assertEquals(1009, link.closeCode);
        assertEquals("message over 96 KiB", link.closeReason);
        wire(session).receive(part, true);   // the rest of the message, arriving after the close, is dropped
        assertNothingLeftBehind();
    }

    /** Counts what it hears; runs on the session's executor only. */
    static final class TestAgent implements Agent {
        volatile int heardSamples;
        volatile String digits = "";
        volatile boolean ended;

        @Override
        public void start(CallControl call) {
        }

        @Override
        public void hear(Pcm16 audio) {
            audio.requireRate(8000);
            heardSamples += audio.sampleCount();
        }

        @Override
        public void dtmf(String digit) {
            digits += digit;
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    /** A recorder that keeps what it is told. */
    private static final class Tape implements CallRecorder {
        volatile String call;
        final List<Long> callerMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean finished;

        @Override
        public void callerAudio(long streamMillis, long arrivedNanos, byte[] mulaw) {
            callerMillis.add(streamMillis);
        }

        @Override
        public void sent(long playStartNanos, byte[] mulaw) {
            sent.add(playStartNanos);
        }

        @Override
        public void cleared(long atNanos) {
        }

        @Override
        public void finish() {
            finished = true;
        }
    }
}
