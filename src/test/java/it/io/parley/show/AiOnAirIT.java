package it.io.parley.show;

import static it.io.parley.show.ShowCalls.Line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.remote.FakeModelServer;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AI persona on air with the remote fake models: the host (a microphone fed from speech over
 * {@code WS /console/audio}) and a caller taken on air each have their turns transcribed under their own names; the
 * host asks the co-host to answer, and its request carries the studio's conversation with speakers; the caller
 * hears it; then the host, and later the caller, speak over it and it falls silent within 200 ms, the history
 * keeping only what the room heard.
 */
class AiOnAirIT {

    private static final String SERVER = ParleyServer.REMOTE;
    private static final String KATE = ShowCalls.newNumber();
    private static final String HOST_WELCOME = "Welcome to the show Kate, tell us about the music.";
    private static final String KATE_CELLO = "I have played the cello for twenty years.";
    private static final String HOST_CUTS_IN = "Hold on Max, let me ask Kate something.";
    private static final String KATE_CUTS_IN = "Sorry, can I jump in there?";
    private static final String SHORT_REPLY = "That is wonderful. Twenty years is a long time.";
    private static final String LONG_REPLY = "You know, the cello is the instrument closest to the human voice,"
            + " and people say that its range matches ours almost exactly. When I was young I heard a cellist play"
            + " in an empty church, and the sound seemed to come from the stones themselves. I have never"
            + " forgotten it, and I think about it every time somebody mentions the instrument on the show.";

    private static FakeModelServer models;
    private static Path heard;
    private static long maxId;

    @BeforeAll
    static void start() throws Exception {
        models = FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        heard = Files.createDirectories(Path.of("target", "ai-on-air-it"));
        assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": true}").statusCode());
        maxId = ShowCalls.get(SERVER, "/api/personas").getJsonArray("personas").getValuesAs(JsonObject.class)
                .stream().filter(p -> p.getString("name").equals("Max")).findFirst()
                .orElseThrow(() -> new AssertionError("the shipped co-host Max is missing")).getJsonNumber("id")
                .longValue();
    }

    @AfterAll
    static void stop() {
        ShowCalls.send(SERVER, "DELETE", "/api/show/ai/personas/" + maxId, "");
        ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": false}");
        models.close();
    }

    @Test
    void thePersonaAnswersTheLabelledConversationAndFallsSilentWhenSpokenOver() throws Exception {
        models.healthy();
        AtomicInteger screeningTurn = new AtomicInteger();
        models.transcriber(audio -> screeningTurn.getAndIncrement() == 0 ? "my name is kate"
                : "i want to talk about music");
        models.structured(request -> "{\"name\": \"Kate\", \"topic\": \"music\"}");

        try (ShowCalls.Events events = new ShowCalls.Events(SERVER)) {
            long dialled = System.nanoTime();
            CompletableFuture<CallResult> kate = ShowCalls.dial(SERVER, KATE, ShowCalls.script(75_000,
                    new Line(7_000, "My name is Kate."), new Line(13_500, "I want to talk about music."),
                    new Line(40_000, KATE_CELLO), new Line(60_000, KATE_CUTS_IN)), heard);
            String kateSid = ShowCalls.byName(ShowCalls.awaitQueue(SERVER, q -> q.stream().anyMatch(c ->
                    "waiting".equals(c.getString("status"))), Duration.ofSeconds(40), "Kate to be screened"),
                    "Kate").getString("callSid");

            try (HostMic host = new HostMic(SERVER)) {
                assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show/ai/personas/" + maxId, "").statusCode());
                at(dialled, 22_000);
                assertEquals(200, ShowCalls.post(SERVER, "/api/show/queue/" + kateSid + "/take").statusCode());

                // The host's turn and the caller's, each under its own name.
                at(dialled, 25_000);
                models.transcriber(audio -> HOST_WELCOME);
                host.say(HOST_WELCOME);
                awaitFinal(events, "host", "Host", HOST_WELCOME);
                at(dialled, 38_000);
                models.transcriber(audio -> KATE_CELLO);
                awaitFinal(events, "caller", "Kate", KATE_CELLO);

                // The manual trigger: Max answers the conversation, labelled.
                at(dialled, 45_000);
                models.replier(said -> SHORT_REPLY);
                int asked = models.chatRequests().size();
                HttpResponse<String> respond = ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}");
                assertEquals(200, respond.statusCode(), respond.body());
                assertTrue(respond.body().contains("\"name\":\"Max\""), respond.body());
                JsonObject answered = awaitFinal(events, "persona", "Max", SHORT_REPLY);
                assertFalse(answered.getBoolean("interrupted", false));
                String prompt = promptAfter(asked);
                assertTrue(prompt.contains("Host: " + HOST_WELCOME), prompt);
                assertTrue(prompt.contains("Kate: " + KATE_CELLO), prompt);
                assertTrue(prompt.contains("(Now Max speaks.)"), prompt);
                assertTrue(prompt.contains("Kate, a caller, on music"), "the persona knows who is in the studio: "
                        + prompt);

                // The host speaks over Max.
                at(dialled, 50_000);
                models.replier(said -> LONG_REPLY);
                assertEquals(200, ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}").statusCode());
                at(dialled, 52_000);
                models.transcriber(audio -> HOST_CUTS_IN);
                host.say(HOST_CUTS_IN);
                JsonObject cutByHost = awaitInterrupted(events, 1);
                awaitFinal(events, "host", "Host", HOST_CUTS_IN);

                // And the caller does (she speaks 60 s into her call).
                at(dialled, 56_500);
                models.transcriber(audio -> KATE_CUTS_IN);
                at(dialled, 57_000);
                assertEquals(200, ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}").statusCode());
                JsonObject cutByKate = awaitInterrupted(events, 2);
                awaitFinal(events, "caller", "Kate", KATE_CUTS_IN);

                for (JsonObject cut : List.of(cutByHost, cutByKate)) {
                    String kept = cut.getString("text");
                    assertTrue(LONG_REPLY.startsWith(kept.replaceAll("[,.]$", "")) && kept.length() < LONG_REPLY.length() / 2,
                            "the history keeps the start the room heard, not the rest: " + kept);
                }
                JsonObject ai = ShowCalls.get(SERVER, "/api/show").getJsonObject("ai");
                System.out.println("AI on air: " + ai);
                JsonObject bargeIns = ai.getJsonObject("bargeInMillis");
                assertEquals(2, bargeIns.getInt("count"), ai.toString());
                assertTrue(bargeIns.getInt("max") <= 200, "speech over the AI silences it within 200 ms: " + ai);

                List<JsonObject> turns = ShowCalls.get(SERVER, "/api/show/ai/conversation").getJsonArray("turns")
                        .getValuesAs(JsonObject.class);
                List<String> labelled = turns.stream().map(t -> t.getString("kind") + " " + t.getString("speaker")
                        + (t.getBoolean("interrupted") ? " (cut)" : "")).toList();
                System.out.println("The studio's conversation: " + labelled);
                assertTrue(labelled.containsAll(List.of("host Host", "caller Kate", "persona Max",
                        "persona Max (cut)")), labelled.toString());
            }

            CallResult call = kate.get(60, TimeUnit.SECONDS);
            Pcm16 kateHeard = ShowCalls.heard(heard, call.callSid());
            double max = ShowCalls.hears(kateHeard, ShowCalls.spoken("That is wonderful."), 42_000, 52_000);
            System.out.println("Kate hears Max's answer at " + String.format("%.2f", max));
            assertTrue(max > 0.6, "the caller on air hears the persona: " + max);
        }
    }

    /** Waits until {@code millis} after {@code since}. */
    private static void at(long since, long millis) throws InterruptedException {
        long wait = since + millis * 1_000_000L - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static JsonObject awaitFinal(ShowCalls.Events events, String kind, String speaker, String text)
            throws InterruptedException {
        return events.await(e -> e.name().equals("transcript") && e.data().getBoolean("final")
                        && kind.equals(e.data().getString("kind", "")) && speaker.equals(e.data().getString("speaker"))
                        && e.data().getString("text").equals(text), Duration.ofSeconds(15),
                kind + " " + speaker + " saying \"" + text + "\"").data();
    }

    /** The {@code n}th persona line cut short. */
    private static JsonObject awaitInterrupted(ShowCalls.Events events, int n) throws InterruptedException {
        events.await(e -> events.named("transcript").stream().filter(t -> t.data().getBoolean("interrupted", false))
                .count() >= n, Duration.ofSeconds(15), "persona line " + n + " cut short");
        return events.named("transcript").stream().filter(t -> t.data().getBoolean("interrupted", false))
                .skip(n - 1).findFirst().orElseThrow().data();
    }

    /** The persona's chat request made after the first {@code before}: its messages as one text. */
    private static String promptAfter(int before) {
        return models.chatRequests().subList(before, models.chatRequests().size()).stream()
                .map(r -> r.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("content")).reduce("", (a, b) -> a + "\n" + b))
                .filter(text -> text.contains("speaks.)")).findFirst()
                .orElseThrow(() -> new AssertionError("no persona request among " + models.chatRequests()));
    }
}
