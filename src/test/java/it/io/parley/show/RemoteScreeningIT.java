package it.io.parley.show;

import static it.io.parley.show.ShowCalls.Line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The screener with remote models (the fake OpenAI-compatible servers): the caller's name and topic come from the
 * language model's JSON answer; when the model fails, from the caller's words.
 */
class RemoteScreeningIT {

    /** Callers new to the server on every run (the database outlives a local run). */
    private static final String N2001 = ShowCalls.newNumber();
    private static final String N2002 = ShowCalls.newNumber();

    private static final String SERVER = ParleyServer.REMOTE;
    private static FakeModelServer models;
    private static Path heard;

    @BeforeAll
    static void start() throws Exception {
        models = FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        heard = Files.createDirectories(Path.of("target", "remote-screening-it"));
        assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": true}").statusCode());
    }

    @AfterAll
    static void stop() {
        ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": false}");
        models.close();
    }

    /**
     * The fake's Whisper hears these, one per turn, whatever was said: the first for the caller's first answer (7 s
     * into the call), the second for the next (13.5 s). By the time of the request, not by counting requests: a
     * turn with pauses in it is transcribed at each pause as well as at its end.
     */
    private static void transcripts(String first, String second) {
        long from = System.nanoTime();
        models.transcriber(audio -> System.nanoTime() - from < 12_000_000_000L ? first : second);
    }

    private static CompletableFuture<CallResult> caller(String from) {
        return ShowCalls.dial(SERVER, from, ShowCalls.script(24_000, new Line(7_000, "My name is Kate."),
                new Line(13_500, "I want to talk about music.")), heard);
    }

    @Test
    void theModelsJsonAnswerNamesTheCallerAndTheirTopic() throws Exception {
        models.healthy();
        transcripts("uh hi it's jon well jonathan really", "bees in the city, on roofs");
        models.structured(request -> {
            String said = request.getJsonArray("messages").getJsonObject(1).getString("content");
            return said.contains("bees") ? "{\"name\": \"Jonathan\", \"topic\": \"urban beekeeping\"}"
                    : "{\"name\": \"Jonathan\", \"topic\": null}";
        });
        int requestsBefore = models.chatRequests().size();
        CompletableFuture<CallResult> call = caller(N2001);
        JsonObject screened = ShowCalls.awaitScreened(SERVER, N2001, Duration.ofSeconds(40));
        assertEquals("Jonathan", screened.getString("displayName"));
        assertEquals("urban beekeeping", screened.getString("topic"));
        List<JsonObject> asked = models.chatRequests().subList(requestsBefore, models.chatRequests().size());
        assertEquals(2, asked.size(), "one structured question per answer: " + asked);
        for (JsonObject request : asked) {
            assertEquals("json_object", request.getJsonObject("response_format").getString("type"));
            assertTrue(request.getJsonArray("messages").getJsonObject(0).getString("content")
                    .startsWith("You screen callers for a live radio call-in show."), request.toString());
        }
        call.get(60, TimeUnit.SECONDS);
        ShowCalls.awaitGone(SERVER, N2001, Duration.ofSeconds(5));
    }

    @Test
    void aFailingModelLeavesTheScreeningToTheCallersWords() throws Exception {
        models.healthy();
        transcripts("my name is kate", "i want to talk about music");
        models.fault("llm", FakeModelServer.Fault.ERROR_500);
        try {
            CompletableFuture<CallResult> call = caller(N2002);
            JsonObject screened = ShowCalls.awaitScreened(SERVER, N2002, Duration.ofSeconds(40));
            assertEquals("Kate", screened.getString("displayName"));
            assertEquals("music", screened.getString("topic"));
            call.get(60, TimeUnit.SECONDS);
            ShowCalls.awaitGone(SERVER, N2002, Duration.ofSeconds(5));
        } finally {
            models.healthy();
        }
    }
}
