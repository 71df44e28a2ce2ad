package it.io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sim.CallResult;
import io.parley.sim.CallSimulator;
import io.parley.sim.SimOptions;
import io.parley.sim.SimulationReport;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line test end to end: the call simulator plays Twilio against the real server (signed webhook, signed
 * handshake, real-time audio) with {@code parley.agent=echo}, and must hear its own voice back.
 */
class MediaEchoIT {

    static SimulationReport simulate(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", ParleyServer.LOCAL, "--public-url", ParleyServer.PUBLIC,
                "--auth-token", ParleyServer.AUTH_TOKEN, "--account-sid", ParleyServer.ACCOUNT_SID, "--echo"));
        args.addAll(List.of(extra));
        SimulationReport report = CallSimulator.run(SimOptions.parse(args.toArray(String[]::new)),
                new PrintStream(OutputStream.nullOutputStream()));
        report.print(System.out);
        return report;
    }

    @Test
    void theCallerHearsTheirOwnVoiceWithMarksEchoedAndClearHonoured(@TempDir Path dir) throws Exception {
        // the built-in utterance (2.3 s) twice with a pause, a key pressed in the trailing silence
        SimulationReport report = simulate("--duration", "6", "--loop", "--pause-ms", "500", "--jitter-ms", "200",
                "--dtmf", "5@5.2", "--record", dir.toString());
        CallResult call = report.calls().get(0);
        assertTrue(call.ok(), call.error());

        assertTrue(call.echoCorrelation() > 0.9, "correlation " + call.echoCorrelation());
        assertTrue(call.echoLagMillis() >= 180 && call.echoLagMillis() < 600,
                "the echo comes back after the caller's 200 ms jitter buffer: " + call.echoLagMillis() + " ms");
        assertTrue(call.marksReceived() >= 4, "a mark per second of echo: " + call.marksReceived());
        assertEquals(call.marksReceived(), call.marksEchoed(), "every mark echoed");
        assertEquals(1, call.clears(), "the key press cleared the echo");
        assertTrue(call.framesCleared() > 0, "the clear dropped the audio the caller had buffered");
        assertTrue(call.framesReceived() >= call.framesSent() - 20,
                "all but the cleared audio came back: " + call.framesReceived() + " of " + call.framesSent());
        assertTrue(Files.size(dir.resolve(call.callSid() + "-heard.wav")) > 44 + 6 * 16000,
                "what the caller heard was recorded");

        JsonObject media = ParleyServer.call(call.callSid()).getJsonObject("media");
        assertEquals("ENDED", media.getString("state"));
        assertEquals("stop", media.getString("stateReason"));
        assertEquals(call.framesSent(), media.getJsonNumber("framesIn").longValue(), "the server got every frame");
        assertEquals(call.framesReceived(), media.getJsonNumber("framesOut").longValue());
        assertEquals(call.marksReceived(), media.getJsonNumber("marksSent").longValue());
        assertEquals(call.marksEchoed(), media.getJsonNumber("marksEchoed").longValue());
        assertEquals(1, media.getJsonNumber("clears").longValue());
        assertEquals("5", media.getString("dtmf"));
        assertEquals("completed", ParleyServer.call(call.callSid()).getString("status"));
    }

    @Test
    void aLineThatDoesNotEchoFailsTheTest() throws Exception {
        // --echo asks for the echo agent unless told otherwise: here the AI answers instead, which is no echo
        SimulationReport report = simulate("--agent", "assistant", "--duration", "4");
        CallResult call = report.calls().get(0);
        assertFalse(call.ok(), "a line test that hears no echo must fail");
        assertTrue(call.error().startsWith("the line test heard no echo of the caller"), call.error());
        assertEquals(1, report.failedCalls());
    }

    @Test
    void concurrentCallsAllComeBackWhole() throws Exception {
        SimulationReport report = simulate("--calls", "4", "--stagger-ms", "150", "--jitter-ms", "100");
        for (CallResult call : report.calls()) {
            assertTrue(call.ok(), call.callSid() + ": " + call.error());
            assertTrue(call.echoCorrelation() > 0.9, call.callSid() + " correlation " + call.echoCorrelation());
            assertEquals(0, call.framesLost(), call.callSid() + " lost frames");
        }
    }
}
