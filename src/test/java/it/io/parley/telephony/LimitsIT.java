package it.io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sim.TwilioSigner;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the server does not keep for ever, on the limits server (3 media streams at once, 2 s for a stream's
 * start, 3 s for a call's stream): streams beyond the cap, streams that never start, calls whose stream never
 * comes.
 */
class LimitsIT {

    private static JsonObject call(String callSid) {
        return ParleyServer.call(ParleyServer.LIMITS, callSid);
    }

    private static HttpResponse<String> signedWebhook(String path, Map<String, String> form) {
        String url = ParleyServer.LIMITS + path;
        return ParleyServer.postForm(ParleyServer.LIMITS, path, form, new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(url, form));
    }

    @Test
    void streamsBeyondTheCapAreTurnedAwayUntilOneEnds() throws Exception {
        HostileStreamIT.eventually(() -> ParleyServer.metric(ParleyServer.LIMITS, "parley_media_sessions{mp_scope=\"application\",}") == 0,
                "no stream from another test to be open");
        List<RawStream> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(RawStream.openOn(ParleyServer.LIMITS));
        }
        RawStream fourth = RawStream.openOn(ParleyServer.LIMITS);
        assertEquals(1013, fourth.closeCode(10), "try again later");
        assertEquals("server at capacity: too many media streams", fourth.closeReason);
        assertTrue(open.stream().noneMatch(s -> s.closed.isDone()), "the three are still open");

        open.get(0).close();
        HostileStreamIT.eventually(() -> ParleyServer.metric(ParleyServer.LIMITS, "parley_media_sessions{mp_scope=\"application\",}") < 3,
                "the closed stream's session to be gone");
        RawStream next = RawStream.openOn(ParleyServer.LIMITS);
        Thread.sleep(300);
        assertFalse(next.closed.isDone(), "a place was free again");
        open.add(next);
        open.forEach(RawStream::vanish);
    }

    @Test
    void aStreamThatNeverStartsIsClosedWhateverElseItSends() throws Exception {
        RawStream s = RawStream.openOn(ParleyServer.LIMITS);
        long opened = System.nanoTime();
        while (!s.closed.isDone() && System.nanoTime() - opened < 10_000_000_000L) {
            s.trySendPart("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}", true);
            Thread.sleep(200);
        }
        long millis = (System.nanoTime() - opened) / 1_000_000;
        assertEquals(1008, s.closeCode(1));
        assertEquals("no start within 2000 ms", s.closeReason);
        assertTrue(millis >= 2000 && millis < 5000, "closed " + millis + " ms after it opened");
    }

    @Test
    void callsWhoseStreamNeverComesExpire() throws Exception {
        String inbound = ParleyServer.newCallSid();
        assertEquals(200, signedWebhook("/twilio/voice", ParleyServer.inboundCall(inbound)).statusCode());
        String reported = ParleyServer.newCallSid();
        Map<String, String> status = ParleyServer.inboundCall(reported);
        status.put("CallStatus", "ringing");
        assertEquals(204, signedWebhook("/twilio/status", status).statusCode());
        assertEquals("ringing", call(inbound).getString("status"));

        for (String sid : List.of(inbound, reported)) {
            JsonObject ended = HostileStreamIT.eventually(() -> call(sid), c -> !c.getBoolean("active"),
                    "call " + sid + " to expire");
            assertEquals("failed", ended.getString("status"));
            assertTrue(ended.getString("endReason").startsWith("no media stream within 3 s"), ended.toString());
        }
        HostileStreamIT.eventually(() -> ParleyServer.metric(ParleyServer.LIMITS,
                "parley_calls_awaiting_stream{mp_scope=\"application\",}") == 0, "no token left waiting");
    }
}
