package it.io.parley.show;

import static it.io.parley.show.ShowCalls.Line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The show line on the real server with the embedded models: callers screened by what they say, waiting in line
 * with the hold audio and announcements, taken on air into the studio where they hear each other, and
 * voicemail. The server's limits (ParleyServer's parleyIT: at most 3 in the queue, 30 s of waiting,
 * announcements every 8 s) are set for tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShowLineIT {

    /** Callers new to the server on every run (the database outlives a local run). */
    private static final String N1001 = ShowCalls.newNumber();
    private static final String N1002 = ShowCalls.newNumber();
    private static final String N1003 = ShowCalls.newNumber();
    private static final String N1004 = ShowCalls.newNumber();
    private static final String N1019 = ShowCalls.newNumber();
    private static final String N1020 = ShowCalls.newNumber();
    private static final String N1021 = ShowCalls.newNumber();

    private static final String SERVER = ParleyServer.LOCAL;
    private static Path heard;

    @BeforeAll
    static void openTheShow() throws Exception {
        heard = Files.createDirectories(Path.of("target", "show-line-it"));
        onAir(true);
    }

    @AfterAll
    static void closeTheShow() {
        onAir(false);
    }

    private static void onAir(boolean open) {
        HttpResponse<String> response = ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": " + open + "}");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    @Order(1)
    void twoCallersAreScreenedThenTakenOnAirWhereTheyHearEachOther() throws Exception {
        try (ShowCalls.Events events = new ShowCalls.Events(SERVER)) {
            Pcm16 johnOnAir = ShowCalls.spoken("Testing one two three four five.");
            Pcm16 maryOnAir = ShowCalls.spoken("The match was wonderful yesterday.");
            CompletableFuture<CallResult> john = ShowCalls.dial(SERVER, N1001, ShowCalls.script(52_000,
                    new Line(7_000, "My name is John."), new Line(13_500, "I want to talk about cooking."),
                    new Line(34_000, "Testing one two three four five.")), heard);
            CompletableFuture<CallResult> mary = ShowCalls.dial(SERVER, N1002, ShowCalls.script(52_000,
                    new Line(7_000, "This is Mary."), new Line(13_500, "I would like to talk about football."),
                    new Line(42_000, "The match was wonderful yesterday.")), heard);

            List<JsonObject> screened = ShowCalls.awaitScreened(SERVER, Duration.ofSeconds(40), N1001, N1002);
            System.out.println("Screened: " + screened);
            JsonObject johnInLine = ShowCalls.byName(screened, "John");
            JsonObject maryInLine = ShowCalls.byName(screened, "Mary");
            assertTrue(johnInLine.getString("topic").contains("cooking"), johnInLine.toString());
            assertTrue(maryInLine.getString("topic").contains("football"), maryInLine.toString());
            assertEquals(N1001, johnInLine.getString("from"));
            String johnSid = johnInLine.getString("callSid");
            String marySid = maryInLine.getString("callSid");

            HttpResponse<String> take = ShowCalls.post(SERVER, "/api/show/queue/" + johnSid + "/take");
            assertEquals(200, take.statusCode(), take.body());
            assertEquals("on-air", ParleyServer.json(take).getString("status"));
            HttpResponse<String> next = ShowCalls.post(SERVER, "/api/show/next");
            assertEquals(200, next.statusCode(), next.body());
            assertEquals(marySid, ParleyServer.json(next).getString("callSid"), "Next takes the one still waiting");
            JsonObject show = ShowCalls.get(SERVER, "/api/show");
            assertEquals(2, show.getJsonArray("studio").size(), show.toString());
            assertEquals(2, show.getJsonArray("callersOnAir").size(), show.toString());
            HttpResponse<String> again = ShowCalls.post(SERVER, "/api/show/next");
            assertEquals(409, again.statusCode(), "nobody else is waiting: " + again.body());
            assertTrue(ParleyServer.json(again).getString("error", ParleyServer.json(again).toString())
                    .contains("no screened caller is waiting"), again.body());

            CallResult johnCall = john.get(90, TimeUnit.SECONDS);
            CallResult maryCall = mary.get(90, TimeUnit.SECONDS);
            assertEquals(johnSid, johnCall.callSid());

            Pcm16 johnHeard = ShowCalls.heard(heard, johnSid);
            Pcm16 maryHeard = ShowCalls.heard(heard, marySid);
            // What a caller heard is recorded from the first frame that reached them, a moment (on a busy machine a
            // few seconds) into the call: the windows allow for it.
            double maryHearsJohn = ShowCalls.hears(maryHeard, johnOnAir, 26_000, 40_000);
            double johnHearsMary = ShowCalls.hears(johnHeard, maryOnAir, 34_000, 48_000);
            double johnHearsHimself = ShowCalls.hears(johnHeard, johnOnAir, 26_000, 40_000);
            double maryHearsHerself = ShowCalls.hears(maryHeard, maryOnAir, 34_000, 48_000);
            System.out.printf("On air: Mary hears John %.3f, John hears Mary %.3f; John hears himself %.3f, Mary"
                    + " herself %.3f%n", maryHearsJohn, johnHearsMary, johnHearsHimself, maryHearsHerself);
            assertTrue(maryHearsJohn > 0.8, "Mary hears John in the studio: " + maryHearsJohn);
            assertTrue(johnHearsMary > 0.8, "John hears Mary in the studio: " + johnHearsMary);
            assertTrue(johnHearsHimself < 0.5, "mix-minus: John does not hear himself: " + johnHearsHimself);
            assertTrue(maryHearsHerself < 0.5, "mix-minus: Mary does not hear herself: " + maryHearsHerself);

            List<String> johnChanges = events.changes(johnSid);
            System.out.println("John's events: " + johnChanges);
            assertEquals(List.of("joined", "screening", "screened", "on-air", "left"), withOneScreening(johnChanges),
                    "John's way through the show, as the console saw it");
            assertTrue(events.named("transcript").stream().anyMatch(e -> e.data().getString("callSid").equals(johnSid)
                    && e.data().getBoolean("final") && e.data().getString("text").contains("john")),
                    "the screening's transcript reached the console");
            assertTrue(events.named("transcript").stream().anyMatch(e -> e.data().getString("callSid").equals(johnSid)
                    && e.data().getString("text").contains("testing")), "and what John said on air");
            assertTrue(events.named("studio").size() >= 2, "the studio's changes were pushed");

            List<JsonObject> turns = ParleyServer.call(johnSid).getJsonArray("turns").getValuesAs(JsonObject.class);
            assertTrue(turns.get(0).getString("text").startsWith("Thanks for calling the show."), turns.toString());
            assertTrue(turns.stream().anyMatch(t -> "caller".equals(t.getString("speaker"))
                    && t.getString("text").contains("john")), "the screening is the call's turns: " + turns);

            ShowCalls.awaitQueue(SERVER, q -> q.stream().noneMatch(c -> c.getString("callSid").equals(johnSid)
                    || c.getString("callSid").equals(marySid)), Duration.ofSeconds(10), "both to leave the queue");
            HttpResponse<String> gone = ShowCalls.post(SERVER, "/api/show/queue/" + johnSid + "/take");
            assertEquals(409, gone.statusCode(), "a call that has left is no longer in the queue: " + gone.body());
            assertTrue(gone.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
    }

    @Test
    @Order(2)
    void aWaitingCallerHearsAnnouncementsThenAfterTheLongestWaitLeavesAMessage() throws Exception {
        CompletableFuture<CallResult> paul = ShowCalls.dial(SERVER, N1003, ShowCalls.script(75_000,
                new Line(7_000, "My name is Paul."), new Line(13_500, "I want to talk about the news."),
                new Line(60_000, "Please call me back tomorrow morning.")), heard);
        JsonObject inLine = ShowCalls.byName(ShowCalls.awaitQueue(SERVER, q -> q.stream().anyMatch(c ->
                "Paul".equals(c.getString("displayName")) && "waiting".equals(c.getString("status"))),
                Duration.ofSeconds(40), "Paul to be screened"), "Paul");
        String sid = inLine.getString("callSid");
        CallResult call = paul.get(120, TimeUnit.SECONDS);
        System.out.println("Paul: " + call);
        List<JsonObject> turns = ParleyServer.call(sid).getJsonArray("turns").getValuesAs(JsonObject.class);
        turns.forEach(t -> System.out.println("  " + t.getString("speaker") + ": " + t.getString("text")));
        long announcements = turns.stream().filter(t -> t.getString("text").startsWith("You're number 1 in line, and"
                + " you've waited about")).count();
        assertTrue(announcements >= 2, "announcements every 8 s while waiting 30 s: " + announcements);
        assertTrue(turns.stream().anyMatch(t -> t.getString("text").startsWith("Sorry to keep you waiting so long."
                + " Please leave a message")), "after the longest wait, voicemail: " + turns);
        JsonObject message = awaitVoicemail(sid);
        assertEquals("long-wait", message.getString("reason"));
        assertEquals("Paul", message.getString("name"));
        assertTrue(message.getString("topic").contains("news"), message.toString());
        assertMessageSays(message, "call me back");
        assertTrue(call.closeCode() == 1000 || call.closeReason().contains("voicemail left"),
                "Parley hung up after the message: " + call.closeCode() + " " + call.closeReason());
    }

    @Test
    @Order(3)
    void offAirTheShowLineTakesAMessage() throws Exception {
        onAir(false);
        try {
            CompletableFuture<CallResult> caller = ShowCalls.dial(SERVER, N1004, ShowCalls.script(22_000,
                    new Line(9_500, "I love the show, keep it up.")), heard);
            CallResult call = caller.get(60, TimeUnit.SECONDS);
            List<JsonObject> turns = ParleyServer.call(call.callSid()).getJsonArray("turns")
                    .getValuesAs(JsonObject.class);
            assertTrue(turns.get(0).getString("text").startsWith("The show is off the air right now. Please leave a"
                    + " message"), turns.toString());
            JsonObject message = awaitVoicemail(call.callSid());
            assertEquals("off-air", message.getString("reason"));
            assertEquals(N1004, message.getString("from"));
            assertMessageSays(message, "love the show");
            assertTrue(ShowCalls.queue(SERVER).stream().noneMatch(c -> c.getString("callSid").equals(call.callSid())),
                    "an off-air caller is never in the queue");
        } finally {
            onAir(true);
        }
    }

    @Test
    @Order(4)
    void aFullQueueSendsTheNextCallerToVoicemail() throws Exception {
        List<CompletableFuture<CallResult>> three = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(ShowCalls.dial(SERVER, ShowCalls.newNumber(), ShowCalls.script(16_000), heard));
        }
        ShowCalls.awaitQueue(SERVER, q -> q.size() == 3, Duration.ofSeconds(10), "three callers in the queue");
        CompletableFuture<CallResult> fourth = ShowCalls.dial(SERVER, N1019, ShowCalls.script(12_000), heard);
        CallResult call = fourth.get(60, TimeUnit.SECONDS);
        List<JsonObject> turns = ParleyServer.call(call.callSid()).getJsonArray("turns").getValuesAs(JsonObject.class);
        assertTrue(turns.get(0).getString("text").startsWith("All our lines are busy right now. Please leave a"
                + " message"), turns.toString());
        for (CompletableFuture<CallResult> c : three) {
            c.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(5)
    void everyOperationOfTheConsoleAndItsEvent() throws Exception {
        try (ShowCalls.Events events = new ShowCalls.Events(SERVER)) {
            CompletableFuture<CallResult> ann = ShowCalls.dial(SERVER, N1020, ShowCalls.script(70_000,
                    new Line(7_000, "My name is Sarah."), new Line(13_500, "I want to talk about gardens.")), heard);
            CompletableFuture<CallResult> bob = ShowCalls.dial(SERVER, N1021, ShowCalls.script(70_000,
                    new Line(7_000, "My name is Bob."), new Line(13_500, "I want to talk about music.")), heard);
            List<JsonObject> screened = ShowCalls.awaitScreened(SERVER, Duration.ofSeconds(40), N1020, N1021);
            String annSid = ShowCalls.byName(screened, "Sarah").getString("callSid");
            String bobSid = ShowCalls.byName(screened, "Bob").getString("callSid");

            HttpResponse<String> edit = ShowCalls.send(SERVER, "PATCH", "/api/show/queue/" + annSid,
                    "{\"notes\": \"Good story about her allotment\", \"priority\": 5, \"topic\": \"city gardens\"}");
            assertEquals(200, edit.statusCode(), edit.body());
            JsonObject edited = ParleyServer.json(edit);
            assertEquals("Good story about her allotment", edited.getString("notes"));
            assertEquals(5, edited.getInt("priority"));
            assertEquals("city gardens", edited.getString("topic"));
            assertEquals(1, edited.getInt("position"), "priority puts Ann first in line");
            events.await(e -> e.name().equals("call") && e.data().getString("change").equals("edited"),
                    Duration.ofSeconds(5), "edited");

            assertConflict(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/hold"), "is not on air");
            assertEquals("on-air", ParleyServer.json(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/take"))
                    .getString("status"));
            assertConflict(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/take"), "on air already");
            assertEquals("waiting", ParleyServer.json(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/hold"))
                    .getString("status"));
            assertEquals("voicemail", ParleyServer.json(ShowCalls.post(SERVER, "/api/show/queue/" + annSid
                    + "/voicemail")).getString("status"));
            assertConflict(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/voicemail"), "leaving a message");

            HttpResponse<String> block = ShowCalls.post(SERVER, "/api/show/queue/" + bobSid + "/block");
            assertEquals(200, block.statusCode(), block.body());
            CallResult bobCall = bob.get(40, TimeUnit.SECONDS);
            assertTrue(bobCall.closeCode() == 1000 || bobCall.closeReason().contains("dropped from the show"),
                    "Bob was dropped with a goodbye: " + bobCall.closeCode() + " " + bobCall.closeReason());
            JsonObject bobAsCaller = ((jakarta.json.JsonArray) ParleyServer.parse(ParleyServer.send(ParleyServer.api(
                    SERVER, "/api/callers?limit=500").GET().build()).body())).getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("number").equals(N1021)).findFirst().orElseThrow();
            assertTrue(bobAsCaller.getBoolean("blocked"), bobAsCaller.toString());
            try {
                java.util.Map<String, String> again = ParleyServer.inboundCall(ParleyServer.newCallSid());
                again.put("From", N1021);
                HttpResponse<String> rejected = ParleyServer.postSigned("/twilio/voice?line=show", again);
                assertTrue(rejected.body().contains("<Reject"), "a blocked number's next call is rejected: "
                        + rejected.body());
            } finally {
                ShowCalls.send(SERVER, "PATCH", "/api/callers/" + bobAsCaller.getJsonNumber("id").longValue(),
                        "{\"blocked\": false}");
            }

            assertEquals(200, ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/drop").statusCode());
            CallResult annCall = ann.get(40, TimeUnit.SECONDS);
            assertTrue(annCall.closeCode() == 1000 || annCall.closeReason().contains("dropped from the show"),
                    "Ann was dropped: " + annCall.closeCode() + " " + annCall.closeReason());
            List<JsonObject> annTurns = ParleyServer.call(annSid).getJsonArray("turns").getValuesAs(JsonObject.class);
            List<String> said = annTurns.stream().filter(t -> t.getString("speaker").equals("agent"))
                    .map(t -> t.getString("text")).toList();
            assertTrue(said.contains("You're back on hold. The host will be with you again soon."), said.toString());
            assertTrue(said.contains("Thanks for calling the show. Goodbye!"), said.toString());

            assertEquals(List.of("joined", "screening", "screened", "edited", "on-air", "hold", "voicemail", "dropped",
                    "left"), withOneScreening(events.changes(annSid)), "Ann's changes, in order");
            assertTrue(events.changes(bobSid).contains("dropped"));
            assertConflict(ShowCalls.post(SERVER, "/api/show/queue/" + annSid + "/drop"), "not in the show's queue");
        }
    }

    @Test
    @Order(6)
    void badRequestsAreRefusedWithTheirReason() {
        String sid = ParleyServer.newCallSid();
        assertEquals(400, ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": \"yes\"}").statusCode());
        assertEquals(400, ShowCalls.post(SERVER, "/api/show/queue/CA123/take").statusCode());
        assertEquals(400, ShowCalls.send(SERVER, "PATCH", "/api/show/queue/" + sid, "{\"priority\": \"high\"}")
                .statusCode());
        HttpResponse<String> status = ShowCalls.send(SERVER, "PATCH", "/api/show/queue/" + sid,
                "{\"status\": \"on-air\"}");
        assertEquals(400, status.statusCode());
        assertTrue(status.body().contains("cannot be changed"), status.body());
        assertConflict(ShowCalls.send(SERVER, "PATCH", "/api/show/queue/" + sid, "{\"notes\": \"x\"}"),
                "not in the show's queue");
        HttpResponse<String> voice = ParleyServer.postSigned("/twilio/voice?line=sales",
                ParleyServer.inboundCall(ParleyServer.newCallSid()));
        assertEquals(400, voice.statusCode(), voice.body());
    }

    private static void assertConflict(HttpResponse<String> response, String why) {
        assertEquals(409, response.statusCode(), response.body());
        assertTrue(ParleyServer.json(response).getString("error").contains(why), response.body());
    }

    private static JsonObject awaitVoicemail(String callSid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (JsonObject v : ShowCalls.get(SERVER, "/api/show/voicemails").getJsonArray("voicemails")
                    .getValuesAs(JsonObject.class)) {
                if (v.getString("callSid").equals(callSid)) {
                    return v;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no voicemail of " + callSid);
            }
            Thread.sleep(250);
        }
    }

    private static void assertMessageSays(JsonObject message, String words) throws Exception {
        HttpResponse<byte[]> audio = ParleyServer.HTTP.send(ParleyServer.api(SERVER, message.getString("audio"))
                .header("Accept", "audio/wav").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, audio.statusCode());
        assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));
        Pcm16 wav = io.parley.audio.WavFile.read(new java.io.ByteArrayInputStream(audio.body()));
        String said = it.io.parley.conversation.Conversations.transcribe(wav);
        System.out.println("Voicemail " + message.getString("callSid") + " (" + message.getInt("millis") + " ms): "
                + said);
        assertTrue(said.contains(words), "the message holds what the caller said: " + said);
        assertTrue(message.getInt("millis") > 1000 && message.getInt("millis") < 20_000, message.toString());
    }

    /** The changes with the screener's updates (one per answer, however many) counted once. */
    private static List<String> withOneScreening(List<String> changes) {
        List<String> out = new java.util.ArrayList<>();
        for (String c : changes) {
            if (!c.equals("screening") || !out.contains("screening")) {
                out.add(c);
            }
        }
        return out;
    }
}
