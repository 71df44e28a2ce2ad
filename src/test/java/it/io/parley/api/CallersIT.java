package it.io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Callers on the real server (H2, unknown callers answered): created on their first call, added, changed and
 * blocked through the API, and erased with everything of theirs.
 */
class CallersIT {

    private static String newNumber() {
        return "+1555" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = ParleyServer.api(path);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return ParleyServer.send(request.build());
    }

    private static HttpResponse<String> ring(String callSid, String from) {
        Map<String, String> params = ParleyServer.inboundCall(callSid);
        params.put("From", from);
        params.put("Caller", from);
        return ParleyServer.postSigned("/twilio/voice", params);
    }

    private static void hangUp(String callSid, String from) {
        Map<String, String> params = ParleyServer.inboundCall(callSid);
        params.put("From", from);
        params.put("CallStatus", "completed");
        params.put("CallDuration", "4");
        assertEquals(204, ParleyServer.postSigned("/twilio/status", params).statusCode());
    }

    /** The caller with this number, once the write-behind path has stored them. */
    private static JsonObject awaitCaller(String number) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray all = ParleyServer.parse(send("GET", "/api/callers?limit=500", null).body()).asJsonArray();
            for (JsonObject c : all.getValuesAs(JsonObject.class)) {
                if (c.getString("number").equals(number)) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("caller " + number + " was not stored");
    }

    @Test
    void aCallerIsCreatedOnTheirFirstCallAndCountedOnEach() throws Exception {
        String number = newNumber();
        for (int i = 0; i < 2; i++) {
            String sid = ParleyServer.newCallSid();
            assertTrue(ring(sid, number).body().contains("<Connect>"));
            hangUp(sid, number);
        }
        JsonObject caller = awaitCaller(number);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (caller.getInt("callCount") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            caller = ParleyServer.json(send("GET", "/api/callers/" + caller.getJsonNumber("id"), null));
        }
        assertEquals(2, caller.getInt("callCount"), caller.toString());
        assertTrue(caller.containsKey("firstCallAt") && caller.containsKey("lastCallAt"), caller.toString());
    }

    @Test
    void aBlockedCallerIsRejectedAndTheRejectionIsOnRecord() {
        String number = newNumber();
        HttpResponse<String> added = send("POST", "/api/callers",
                "{\"number\": \"" + number + "\", \"name\": \"Mallory\", \"blocked\": true}");
        assertEquals(201, added.statusCode(), added.body());
        assertTrue(added.headers().firstValue("Location").orElse("").contains("/api/callers/"));
        JsonObject caller = ParleyServer.json(added);
        assertEquals("Mallory", caller.getString("name"));

        String sid = ParleyServer.newCallSid();
        String twiml = ring(sid, number).body();
        assertTrue(twiml.contains("<Reject reason=\"busy\"/>"), twiml);
        assertFalse(twiml.contains("<Stream"), twiml);
        JsonObject call = ParleyServer.call(sid);
        assertEquals("busy", call.getString("status"));
        assertEquals("rejected: the caller is blocked", call.getString("endReason"));

        HttpResponse<String> unblocked = send("PATCH", "/api/callers/" + caller.getJsonNumber("id"),
                "{\"blocked\": false, \"notes\": \"called to apologise\", \"name\": null}");
        assertEquals(200, unblocked.statusCode(), unblocked.body());
        JsonObject changed = ParleyServer.json(unblocked);
        assertFalse(changed.getBoolean("blocked"));
        assertEquals("called to apologise", changed.getString("notes"));
        assertFalse(changed.containsKey("name"), "a null name clears it: " + changed);
        assertTrue(ring(ParleyServer.newCallSid(), number).body().contains("<Connect>"), "answered once unblocked");
    }

    @Test
    void eraseRemovesTheCallerAndEveryCallAndTurnOfTheirs() throws Exception {
        String number = newNumber();
        String sid = ParleyServer.newCallSid();
        ring(sid, number);
        hangUp(sid, number);
        JsonObject caller = awaitCaller(number);
        awaitStored(sid);

        assertEquals(204, send("DELETE", "/api/callers/" + caller.getJsonNumber("id"), null).statusCode());

        assertEquals(404, send("GET", "/api/callers/" + caller.getJsonNumber("id"), null).statusCode());
        assertEquals(404, send("GET", "/api/calls/" + sid, null).statusCode(), "the call is gone, live record too");
        assertEquals(404, send("GET", "/api/calls/" + sid + "/transcript", null).statusCode());
        String listed = send("GET", "/api/calls?from=" + number.replace("+", "%2B"), null).body();
        assertEquals("[]", listed, "no call of theirs is listed");
        assertEquals(404, send("DELETE", "/api/callers/" + caller.getJsonNumber("id"), null).statusCode());
    }

    @Test
    void eraseDeletesTheRecordingsOfTheirCallsFromDisk() throws Exception {
        String number = newNumber();
        io.parley.sim.SimulationReport report = io.parley.sim.CallSimulator.run(io.parley.sim.SimOptions.parse(
                new String[] {"--url", ParleyServer.LOCAL, "--public-url", ParleyServer.PUBLIC, "--auth-token",
                        ParleyServer.AUTH_TOKEN, "--account-sid", ParleyServer.ACCOUNT_SID, "--api-key",
                        ParleyServer.API_KEY, "--from", number, "--echo", "--duration", "3"}),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        String sid = report.calls().get(0).callSid();
        assertTrue(report.calls().get(0).ok(), report.calls().get(0).error());
        JsonObject recording = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (recording == null && System.nanoTime() < deadline) {
            JsonObject call = ParleyServer.call(sid);
            recording = call.containsKey("recording") ? call.getJsonObject("recording") : null;
            Thread.sleep(100);
        }
        assertTrue(recording != null, "the call was recorded");
        java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty("liberty.wlp.dir", "target/liberty/wlp"),
                "usr/servers", System.getProperty("liberty.server", "parleyIT"), "recordings");
        java.nio.file.Path wav;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
            wav = files.filter(p -> p.getFileName().toString().equals(sid + ".wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + sid + ".wav under " + folder));
        }
        assertEquals(recording.getJsonNumber("bytes").longValue(), java.nio.file.Files.size(wav));

        JsonObject caller = awaitCaller(number);
        assertEquals(204, send("DELETE", "/api/callers/" + caller.getJsonNumber("id"), null).statusCode());

        assertFalse(java.nio.file.Files.exists(wav), "the recording is deleted from disk");
        HttpResponse<String> gone = ParleyServer.send(ParleyServer.api("/api/calls/" + sid + "/recording")
                .setHeader("Accept", "audio/wav").GET().build());
        assertEquals(404, gone.statusCode(), gone.body());
    }

    @Test
    void badRequestsAreRefusedInPlainWords() {
        String number = newNumber();
        assertEquals(201, send("POST", "/api/callers", "{\"number\": \"" + number + "\"}").statusCode());
        HttpResponse<String> again = send("POST", "/api/callers", "{\"number\": \"" + number + "\"}");
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already known"), again.body());
        assertEquals(400, send("POST", "/api/callers", "{\"number\": \"555-1234\"}").statusCode());
        assertEquals(400, send("POST", "/api/callers", "{\"number\": \"" + newNumber() + "\", \"blocked\": \"yes\"}")
                .statusCode());
        assertEquals(400, send("POST", "/api/callers", "{\"number\": \"" + newNumber() + "\", \"name\": \""
                + "x".repeat(101) + "\"}").statusCode());
        assertEquals(400, send("GET", "/api/callers/abc", null).statusCode());
        assertEquals(400, send("GET", "/api/callers?limit=0", null).statusCode());
        assertEquals(404, send("PATCH", "/api/callers/987654321", "{\"name\": \"x\"}").statusCode());
        HttpResponse<String> renumber = send("PATCH", "/api/callers/1", "{\"number\": \"+15550000000\"}");
        assertEquals(400, renumber.statusCode(), renumber.body());
    }

    private static void awaitStored(String sid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (send("GET", "/api/calls?limit=50", null).body().contains(sid)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sid + " was not stored");
    }
}
