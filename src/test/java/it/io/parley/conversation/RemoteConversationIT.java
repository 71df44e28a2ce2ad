package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assistant with remote models: the second test server talks to a fake OpenAI-compatible model server (this
 * JVM) with GPU-like latency, which transcribes with Vosk and speaks with FreeTTS, so the audio both ways is real
 * speech. Every way a model can fail is in {@link ResilienceIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteConversationIT {

    private static FakeModelServer models;
    private static final List<String> transcripts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startModels() throws Exception {
        models = Conversations.modelsHearing(transcripts::add, "My name is Ada.", "I live in Paris.",
                "What is my name?");
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    @BeforeEach
    void healthy() {
        models.healthy();
        transcripts.clear();
    }

    @Test
    @Order(1)
    void theThirdRequestCarriesTheWholeConversation(@TempDir Path dir) throws Exception {
        models.replier(said -> "Nice, noted that " + said + ".");
        int before = models.chatRequests().size();
        CallResult call = Conversations.call(ParleyServer.REMOTE, "--say", "My name is Ada.", "--say",
                "I live in Paris.", "--say", "What is my name?", "--start-ms", "5000", "--pause-ms", "5000",
                "--duration", "30", "--record", dir.toString()).calls().get(0);
        assertTrue(call.ok(), call.error());

        List<JsonObject> requests = models.chatRequests().subList(before, models.chatRequests().size());
        assertEquals(3, requests.size(), "one chat request per turn (no pause inside the sentences)");
        List<JsonObject> messages = requests.get(2).getJsonArray("messages").getValuesAs(JsonObject.class);
        assertEquals(List.of("system", "assistant", "user", "assistant", "user", "assistant", "user"),
                messages.stream().map(m -> m.getString("role")).toList(), messages.toString());
        assertTrue(messages.get(0).getString("content").contains("Parley"), "the system prompt");
        assertEquals("Hello, this is Parley. How can I help you?", messages.get(1).getString("content"));
        assertEquals(transcripts.get(0), messages.get(2).getString("content"));
        assertEquals("Nice, noted that " + transcripts.get(0) + ".", messages.get(3).getString("content"));
        assertEquals(transcripts.get(1), messages.get(4).getString("content"));
        assertEquals(transcripts.get(2), messages.get(6).getString("content"));
        assertTrue(transcripts.get(0).contains("name"), "Vosk heard the caller: " + transcripts);

        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        JsonObject answer = turns.get(2);
        assertEquals("agent", answer.getString("speaker"));
        JsonObject timings = answer.getJsonObject("timings");
        assertTrue(timings.getJsonNumber("firstToken").longValue() >= 140, "the fake's 150 ms to the first token: " + timings);
        assertTrue(timings.getJsonNumber("firstAudio").longValue() >= 90, "the fake's 100 ms to the first audio: " + timings);
        String heard = Conversations.transcribe(dir.resolve(call.callSid() + "-heard.wav"));
        assertTrue(heard.contains("noted"), "the replies were spoken by the remote voice: " + heard);
    }
}
