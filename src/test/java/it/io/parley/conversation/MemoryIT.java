package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import io.parley.sim.TwilioSigner;
import io.parley.api.SubtitleParsers;
import it.io.parley.MemoryServer;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parley's memory on the real Liberty with PostgreSQL, through the simulator: what survives a restart, a
 * {@code kill -9} mid-call, and the database going away during calls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryIT {

    private static final String[] SENTENCES = {"My name is Ada.", "I live in Paris.", "What is my name?"};
    private static final String SIMULATOR_NUMBER = "+15550100001";
    private static FakeModelServer models;

    @BeforeAll
    static void start() throws Exception {
        MemoryServer.requireDatabase();
        // this server answers only the callers it knows: the simulator's number is added ahead
        int added = ParleyServer.send(ParleyServer.api(MemoryServer.URL, "/api/callers")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"number\": \"" + SIMULATOR_NUMBER + "\", \"name\": \"Ada\"}"))
                .build()).statusCode();
        assertTrue(added == 201 || added == 409, "the simulator's number is a known caller: " + added);
        models = Conversations.modelsHearing(SENTENCES);
        models.replier(said -> "Noted: " + said + ".");
    }

    @AfterAll
    static void stop() {
        if (models != null) {
            models.close();
        }
    }

    @Test
    @Order(0)
    void anUnknownCallerIsRejectedWhenOnlyKnownCallersAreAnswered() {
        Map<String, String> params = ParleyServer.inboundCall(ParleyServer.newCallSid());
        // a number never seen: a rejected call must not make its caller known
        params.put("From", "+1555" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000_000)));
        HttpResponse<String> response = ParleyServer.postForm(MemoryServer.URL, "/twilio/voice", params,
                new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(ParleyServer.PUBLIC + "/twilio/voice", params));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Reject reason=\"busy\"/>"), response.body());
        JsonObject call = ParleyServer.call(MemoryServer.URL, params.get("CallSid"));
        assertTrue(call.getString("endReason").startsWith("rejected: the caller is not known"), call.toString());
        params.put("CallSid", ParleyServer.newCallSid());
        HttpResponse<String> again = ParleyServer.postForm(MemoryServer.URL, "/twilio/voice", params,
                new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(ParleyServer.PUBLIC + "/twilio/voice", params));
        assertTrue(again.body().contains("<Reject"), "still unknown the second time: " + again.body());
    }

    @Test
    @Order(1)
    void aRestartKeepsTheCallEveryTurnAndTheSummary() throws Exception {
        CallResult call = talk(20).get(60, TimeUnit.SECONDS);
        assertTrue(call.ok(), call.error());
        String summary = awaitSummary(call.callSid(), Duration.ofSeconds(20));
        MemoryServer.awaitWriting(Duration.ofSeconds(10));
        JsonObject before = ParleyServer.call(MemoryServer.URL, call.callSid());
        assertTrue(before.getJsonArray("turns").size() >= 5, "greeting, and three sentences with replies: " + before);

        MemoryServer.restart();

        JsonObject after = ParleyServer.call(MemoryServer.URL, call.callSid());
        assertEquals(before.getJsonArray("turns"), after.getJsonArray("turns"));
        assertEquals(summary, after.getString("summary"), "the summary is kept too");
        for (String field : List.of("status", "from", "to", "direction", "endReason", "createdAt", "endedAt")) {
            assertEquals(before.get(field), after.get(field), field);
        }
        assertEquals(before.getJsonObject("media").getInt("framesIn"), after.getJsonObject("media").getInt("framesIn"));
        String listed = MemoryServer.api("/api/calls?from=" + URLEncoder.encode(before.getString("from"),
                StandardCharsets.UTF_8) + "&limit=5").body();
        assertTrue(listed.contains(call.callSid()), "the history lists it after the restart: " + listed);

        // its transcript, from the database, in the formats other tools read
        String transcript = "/api/calls/" + call.callSid() + "/transcript";
        HttpResponse<String> vtt = ParleyServer.send(ParleyServer.api(MemoryServer.URL, transcript)
                .setHeader("Accept", "text/vtt").GET().build());
        assertEquals(200, vtt.statusCode(), vtt.body());
        assertTrue(vtt.headers().firstValue("Content-Type").orElse("").startsWith("text/vtt"), vtt.headers().toString());
        JsonObject parsed = SubtitleParsers.webVtt(vtt.body());
        assertEquals(0, parsed.getJsonArray("errors").size(), parsed.toString());
        int spoken = (int) after.getJsonArray("turns").getValuesAs(JsonObject.class).stream()
                .filter(t -> !t.getString("text").isBlank()).count();
        assertEquals(spoken, parsed.getJsonArray("cues").size());
        String srt = MemoryServer.api(transcript + "?format=srt").body();
        assertEquals(spoken, SubtitleParsers.srt(srt).size(), srt);
        String text = ParleyServer.send(ParleyServer.api(MemoryServer.URL, transcript).setHeader("Accept", "text/plain")
                .GET().build()).body();
        assertTrue(text.contains("] Caller: my name is ada"), text);
        assertEquals(400, MemoryServer.api(transcript + "?format=docx").statusCode());

        // the recording, finished with the call, and served whole or in ranges
        JsonObject recording = awaitRecording(call.callSid(), Duration.ofSeconds(10));
        long callMillis = Duration.between(Instant.parse(after.getString("answeredAt", after.getString("createdAt"))),
                Instant.parse(after.getString("endedAt"))).toMillis();
        assertTrue(Math.abs(recording.getJsonNumber("durationMillis").longValue() - callMillis) < 2_000,
                "the recording lasts as long as the call: " + recording + " vs " + callMillis + " ms");
        HttpResponse<byte[]> whole = download(call.callSid(), null);
        assertEquals(200, whole.statusCode());
        assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElse(""));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals(recording.getJsonNumber("bytes").longValue(), whole.body().length);
        HttpResponse<byte[]> header = download(call.callSid(), "bytes=0-43");
        assertEquals(206, header.statusCode());
        assertEquals("bytes 0-43/" + whole.body().length, header.headers().firstValue("Content-Range").orElse(""));
        assertEquals(List.of(java.util.Arrays.toString(java.util.Arrays.copyOf(whole.body(), 44))),
                List.of(java.util.Arrays.toString(header.body())));
        HttpResponse<byte[]> tail = download(call.callSid(), "bytes=-1000");
        assertEquals(206, tail.statusCode());
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 1000,
                whole.body().length)), java.util.Arrays.toString(tail.body()));
        HttpResponse<byte[]> past = download(call.callSid(), "bytes=" + whole.body().length + "-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + whole.body().length, past.headers().firstValue("Content-Range").orElse(""));

        // the latency report over the stored turns
        String window = "?since=" + before.getString("createdAt") + "&until=" + Instant.now();
        JsonObject report = ParleyServer.json(MemoryServer.api("/api/reports/latency" + window));
        JsonObject v2v = report.getJsonArray("stages").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals("voiceToVoice")).findFirst().orElseThrow();
        assertTrue(v2v.getInt("count") >= 3, report.toString());
        assertTrue(v2v.getJsonNumber("p50").doubleValue() > 0, report.toString());
        String table = ParleyServer.send(ParleyServer.api(MemoryServer.URL, "/api/reports/latency" + window)
                .setHeader("Accept", "text/plain").GET().build()).body();
        assertTrue(table.lines().anyMatch(l -> l.matches("voiceToVoice +\\d+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +\\d+")),
                table);
    }

    @Test
    @Order(2)
    void aKillMidCallLosesNothingOlderThanASecondAndClosesTheCall() throws Exception {
        Instant started = Instant.now();
        CompletableFuture<CallResult> running = talk(40);
        String sid = awaitCallWithTurns(started, 4, Duration.ofSeconds(40));
        List<JsonObject> seen = ParleyServer.call(MemoryServer.URL, sid).getJsonArray("turns")
                .getValuesAs(JsonObject.class);
        Thread.sleep(1_000);
        MemoryServer.killAndStart();
        running.get(60, TimeUnit.SECONDS); // the simulator's call was cut off; its result does not matter

        JsonObject stored = ParleyServer.call(MemoryServer.URL, sid);
        assertEquals("server stopped", stored.getString("endReason", null), stored.toString());
        assertTrue(List.of("completed", "failed").contains(stored.getString("status")), stored.toString());
        List<JsonObject> kept = stored.getJsonArray("turns").getValuesAs(JsonObject.class);
        assertTrue(kept.size() >= seen.size(), "every turn seen a second before the kill was stored: " + seen
                + " vs " + kept);
        assertEquals(seen, kept.subList(0, seen.size()));
        // the recording the kill cut short was repaired at the start: readable, up to a few seconds before the kill
        JsonObject recording = awaitRecording(sid, Duration.ofSeconds(20));
        short[][] channels = Recorded.channels(download(sid, null).body());
        long answeredToKill = Duration.between(Instant.parse(stored.getString("createdAt")), Instant.parse(
                stored.getString("endedAt"))).toMillis();
        assertTrue(recording.getJsonNumber("durationMillis").longValue() > 5_000, recording.toString());
        assertTrue(channels[0].length / 8 > answeredToKill - 6_000, "at most the last seconds are missing: "
                + channels[0].length / 8 + " ms recorded of " + answeredToKill);
        System.out.printf("kill -9 mid-call: %d turns seen a second before, %d stored%n", seen.size(), kept.size());
    }

    @Test
    @Order(3)
    void turnsTakenWhileTheDatabaseIsAwayLandWhenItComesBack() throws Exception {
        Instant started = Instant.now();
        CompletableFuture<CallResult> running = talk(30);
        String sid = awaitCallWithTurns(started, 2, Duration.ofSeconds(30));
        MemoryServer.databaseAvailable(false);
        double heldBack;
        try {
            Thread.sleep(8_000);
            heldBack = ParleyServer.metric(MemoryServer.URL, "parley_store_backlog{mp_scope=\"application\",}");
        } finally {
            MemoryServer.databaseAvailable(true);
        }
        assertTrue(heldBack > 0, "turns waited for the database while it was away");
        CallResult call = running.get(60, TimeUnit.SECONDS);
        assertTrue(call.ok(), "the call went on while the database was away: " + call.error());
        List<JsonObject> live = ParleyServer.call(MemoryServer.URL, sid).getJsonArray("turns")
                .getValuesAs(JsonObject.class);
        MemoryServer.awaitWriting(Duration.ofSeconds(60));
        List<String> stored = new ArrayList<>();
        try (Connection db = MemoryServer.database();
             PreparedStatement q = db.prepareStatement("SELECT speaker, text FROM turns WHERE call_sid = ? ORDER BY seq")) {
            q.setString(1, sid);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    stored.add(r.getString(1) + ": " + r.getString(2));
                }
            }
        }
        assertEquals(live.stream().map(t -> t.getString("speaker") + ": " + t.getString("text")).toList(), stored,
                "every turn landed once the database was back");
        assertEquals(0.0, ParleyServer.metric(MemoryServer.URL,
                "parley_store_writes_lost{mp_scope=\"application\",}"), "nothing lost");
    }

    @Test
    @Order(4)
    void aReturningCallerIsGreetedByNameAndTheirLastCallIsInThePrompt() throws Exception {
        CallResult first = Conversations.call(MemoryServer.URL, "--say", SENTENCES[1], "--start-ms", "6500",
                "--duration", "13").calls().get(0);
        assertTrue(first.ok(), first.error());
        String summary = awaitSummary(first.callSid(), Duration.ofSeconds(20));
        JsonObject stored = ParleyServer.call(MemoryServer.URL, first.callSid());
        assertEquals("Ada", stored.getJsonObject("caller").getString("name"), stored.toString());

        int before = models.chatRequests().size();
        CallResult second = Conversations.call(MemoryServer.URL, "--say", SENTENCES[2], "--start-ms", "7000",
                "--duration", "13").calls().get(0);
        assertTrue(second.ok(), second.error());
        JsonObject request = models.chatRequests().subList(before, models.chatRequests().size()).stream()
                .filter(r -> r.getJsonArray("messages").size() > 2).findFirst().orElseThrow();
        List<JsonObject> messages = request.getJsonArray("messages").getValuesAs(JsonObject.class);
        String system = messages.get(0).getString("content");
        assertTrue(system.contains("This caller has called before. Their name is Ada."), system);
        assertTrue(system.contains("\n- " + summary), "the last call's summary is in the prompt: " + system);
        // this server tells callers they are recorded (parley.recording.notice), and what was heard is history
        assertEquals("This call is recorded. Welcome back, Ada. How can I help you today?",
                messages.get(1).getString("content"));
    }

    @Test
    @Order(5)
    void eachChannelOfTheRecordingHoldsItsOwnParty() throws Exception {
        int startMillis = 7_000; // after the recording notice and the greeting
        CallResult call = Conversations.call(MemoryServer.URL, "--say", SENTENCES[0], "--start-ms",
                String.valueOf(startMillis), "--duration", "14").calls().get(0);
        assertTrue(call.ok(), call.error());
        awaitRecording(call.callSid(), Duration.ofSeconds(10));
        short[][] channels = Recorded.channels(download(call.callSid(), null).body());
        short[] caller = channels[0];
        short[] parley = channels[1];

        // by energy over time: Parley speaks first (notice, greeting) while the caller is silent; the caller's
        // sentence is on the left from the moment the simulator said it; Parley's answer follows it on the right
        int callerFrom = Recorded.firstLoud(caller, 0);
        int callerTo = Recorded.lastLoudOfRun(caller, callerFrom);
        int greeting = Recorded.firstLoud(parley, 0);
        int answer = Recorded.firstLoud(parley, callerTo);
        System.out.printf("recording of %s: Parley from %d ms, the caller %d-%d ms, Parley's answer from %d ms; the "
                        + "simulator measured %s ms voice to voice%n", call.callSid(), greeting, callerFrom, callerTo,
                answer, call.turnLatenciesMillis());
        assertTrue(greeting < 1_000, "the notice and greeting on the right from the start: " + greeting);
        // the simulator's sentence is FreeTTS's, which begins with a breath of silence of its own
        io.parley.audio.Pcm16 said = io.parley.audio.Resampler.convert(
                new io.parley.models.embedded.FreeTtsSpeech(Runnable::run).render(SENTENCES[0]), 8000);
        int spokeAt = startMillis + Recorded.firstLoud(said.samples(), 0);
        assertTrue(Math.abs(callerFrom - spokeAt) <= 100, "the caller on the left where they spoke (" + spokeAt
                + " ms): " + callerFrom);
        assertTrue(Recorded.loudness(caller, greeting, startMillis - 500) < 0.02, "no greeting on the caller's side");
        assertTrue(Recorded.loudness(parley, callerFrom, callerTo) < 0.1, "no caller on Parley's side");
        assertEquals(1, call.turnLatenciesMillis().size(), call.toString());
        long measured = call.turnLatenciesMillis().get(0);
        assertTrue(Math.abs(answer - callerTo - measured) < 400, "the channels are aligned in time: the gap between "
                + "them (" + (answer - callerTo) + " ms) is the voice-to-voice time the caller measured (" + measured
                + " ms)");

        // and by ear: Vosk hears the caller on the left and Parley's greeting and answer on the right
        String left = Conversations.transcribe(Recorded.channel(caller));
        String right = Conversations.transcribe(Recorded.channel(parley));
        System.out.println("left: " + left + " | right: " + right);
        assertTrue(left.contains("my name"), left);
        assertTrue(!left.contains("welcome") && !left.contains("noted"), "no Parley on the caller's side: " + left);
        assertTrue(right.contains("welcome back") && right.contains("noted"), "Parley's greeting and answer: " + right);
    }

    private static JsonObject awaitRecording(String callSid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject call = ParleyServer.call(MemoryServer.URL, callSid);
            if (call.containsKey("recording")) {
                JsonObject recording = call.getJsonObject("recording");
                assertEquals("/api/calls/" + callSid + "/recording", recording.getString("url"));
                return recording;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no recording of " + callSid + " within " + timeout);
    }

    private static HttpResponse<byte[]> download(String callSid, String range) throws Exception {
        HttpRequest.Builder request = ParleyServer.api(MemoryServer.URL, "/api/calls/" + callSid + "/recording")
                .setHeader("Accept", "audio/wav").GET();
        if (range != null) {
            request.setHeader("Range", range);
        }
        return ParleyServer.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String awaitSummary(String callSid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject call = ParleyServer.call(MemoryServer.URL, callSid);
            if (call.containsKey("summary")) {
                return call.getString("summary");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no summary of " + callSid + " within " + timeout);
    }

    private static CompletableFuture<CallResult> talk(int seconds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Conversations.call(MemoryServer.URL, "--say", SENTENCES[0], "--say", SENTENCES[1], "--say",
                        SENTENCES[2], "--start-ms", "3000", "--pause-ms", "3500", "--duration",
                        String.valueOf(seconds)).calls().get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The memory server's newest call since {@code since}, once it has {@code turns} turns. */
    private static String awaitCallWithTurns(Instant since, int turns, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject newest = ParleyServer.parse(MemoryServer.api("/api/calls?limit=1&since=" + since.minusSeconds(1)).body())
                    .asJsonArray().getValuesAs(JsonObject.class).stream().findFirst().orElse(null);
            if (newest != null) {
                JsonObject call = ParleyServer.call(MemoryServer.URL, newest.getString("callSid"));
                if (call.getJsonArray("turns").size() >= turns) {
                    return newest.getString("callSid");
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no call reached " + turns + " turns within " + timeout);
    }
}
