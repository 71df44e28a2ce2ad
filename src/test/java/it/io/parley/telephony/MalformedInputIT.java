package it.io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import it.io.parley.RawHttp;
import it.io.parley.ServerLogs;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input that used to break instead of being refused. Each gets a clear 4xx or a refusal with a plain reason:
 * no stack trace, no class or framework name, no FFDC file, no forged log line, and nothing lost beside it.
 */
class MalformedInputIT {

    private static final byte[] FRAME = new byte[160];

    private static HttpResponse<String> postRaw(String path, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return ParleyServer.send(request.build());
    }

    @Test
    void aWebhookWithABrokenEscapeIsABadRequest() throws Exception {
        long ffdc = ServerLogs.ffdcFiles();
        for (String body : List.of("CallSid=CA1&From=%", "CallSid=%zz", "From=%2")) {
            HttpResponse<String> response = postRaw("/twilio/voice", body, null);
            assertEquals(400, response.statusCode(), body + ": " + response.body());
            assertTrue(ParleyServer.json(response).getString("error").startsWith("malformed form body"), response.body());
            OutboundCallIT.assertNoInternals(response.body());
            HttpResponse<String> signed = postRaw("/twilio/status", body, "c2lnbmF0dXJl");
            assertEquals(400, signed.statusCode(), body + ": " + signed.body());
        }
        Thread.sleep(500);
        assertEquals(ffdc, ServerLogs.ffdcFiles(), "no FFDC file was written");
    }

    @Test
    void forgedAndPathLikeSidsAreRefusedEverywhere() throws Exception {
        for (String sid : List.of("CA../../Accounts/AC1/Calls", "CA0123\nINFO forged log line", "CA" + "0".repeat(31),
                "CA" + "g".repeat(32), "ca" + "0".repeat(32))) {
            for (String path : List.of("/twilio/voice", "/twilio/status")) {
                Map<String, String> form = ParleyServer.inboundCall(sid);
                HttpResponse<String> response = ParleyServer.postSigned(path, form);
                assertEquals(400, response.statusCode(), path + " " + sid + ": " + response.body());
                assertTrue(ParleyServer.json(response).getString("error").contains("not a Twilio call SID"), response.body());
            }
            HttpResponse<String> api = ParleyServer.send(ParleyServer.api("/api/calls/"
                    + java.net.URLEncoder.encode(sid, java.nio.charset.StandardCharsets.UTF_8)).GET().build());
            assertTrue(api.statusCode() == 400 || api.statusCode() == 404, sid + ": " + api.statusCode());
            OutboundCallIT.assertNoInternals(api.body());
        }
        RawStream s = RawStream.open().start("CA../../Accounts", Map.of());
        assertEquals(1008, s.closeCode(10));
        Thread.sleep(1000);
        assertEquals(0, ServerLogs.count("messages.log", l -> l.startsWith("INFO forged")), "no line of the log was forged");
    }

    @Test
    void nullsInTheStartAreRefusedAndAProperStartStillWorks() throws Exception {
        RawStream s = RawStream.forNewCall();
        String token = s.token();
        String start = "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + s.streamSid + "\",\"start\":{"
                + "\"streamSid\":\"" + s.streamSid + "\",\"callSid\":\"" + s.callSid + "\",\"accountSid\":\""
                + ParleyServer.ACCOUNT_SID + "\",\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,"
                + "\"channels\":1},";
        s.send(start + "\"tracks\":[\"inbound\",null],\"customParameters\":{\"StreamToken\":\"" + token + "\"}}}");
        s.send(start + "\"tracks\":[\"inbound\"],\"customParameters\":{\"From\":null,\"StreamToken\":\"" + token + "\"}}}");
        s.send("{\"event\":\"media\",\"deep\":" + "[".repeat(40_000) + "]".repeat(40_000) + "}");
        s.send("{\"event\":\"media\",\"x\":{");   // six bytes from the end of a field it does not know
        s.send("{\"event\":\"media\",\"sequenceNumber\":\"9\\nINFO forged\",\"media\":{\"payload\":\"\"}}");
        s.start();
        for (int i = 0; i < 25; i++) {
            s.media(FRAME);
        }
        assertNotNull(s.next("\"media\"", 10), "the stream works after the refusals");
        JsonObject media = HostileStreamIT.eventuallyMedia(s.callSid, m -> m.getJsonNumber("framesIn").longValue() == 25);
        assertEquals("LISTENING", media.getString("state"));
        assertEquals(5, media.getJsonNumber("messagesRefused").longValue(), "two starts with nulls, the deep nesting, "
                + "the truncated field, the bad sequence number: " + media);
        s.stop();
        assertEquals(1000, s.closeCode(10));
    }

    @Test
    void errorsNeverNameInternals() throws Exception {
        String key = "Authorization: Bearer " + ParleyServer.API_KEY + "\r\n";
        for (String path : List.of("/nothing-here", "/api/nothing", "/api/calls/CA0/turns", "/%zz", "/api/calls/%0a",
                "/api/calls/CA..%2F..%2Fx", "/%00", "/api/calls/%E0%80%AF")) {
            RawHttp.Answer response = RawHttp.get(ParleyServer.LOCAL, path, key);
            assertTrue(response.status() >= 400 && response.status() < 500, path + ": " + response.status());
            OutboundCallIT.assertNoInternals(response.body());
        }
        HttpResponse<String> method = ParleyServer.send(ParleyServer.api("/api/calls").DELETE().build());
        assertEquals(405, method.statusCode());
        OutboundCallIT.assertNoInternals(method.body());
        HttpResponse<String> type = ParleyServer.send(ParleyServer.api("/api/calls").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("to=+15551234567")).build());
        assertEquals(415, type.statusCode());
        OutboundCallIT.assertNoInternals(type.body());
    }

    @Test
    void refusedApiRequestsAreLoggedAtMostOnceASecond() throws Exception {
        long before = ServerLogs.lines("Refused GET /api/calls from");
        for (int i = 0; i < 100; i++) {
            ParleyServer.send(HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + "/api/calls")).GET().build());
        }
        Thread.sleep(1500);
        ParleyServer.send(HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + "/api/calls")).GET().build());
        HostileStreamIT.eventually(() -> ServerLogs.lines("similar lines held back") > 0, "the held-back count to be logged");
        long lines = ServerLogs.lines("Refused GET /api/calls from") - before;
        assertTrue(lines >= 1 && lines <= 4, "101 refusals in about 2 s make a few lines, not " + lines);
        assertFalse(ParleyServer.get("/health/live").body().contains("DOWN"));
    }
}
