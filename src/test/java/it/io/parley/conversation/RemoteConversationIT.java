package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * speech. Faults are switched on the fake while calls run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteConversationIT {

    private static FakeModelServer models;
    private static final List<String> transcripts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startModels() throws Exception {
        models = FakeModelServer.start(ParleyServer.FAKE_MODELS_PORT);
        models.transcriber(audio -> {
            try {
                String text = Conversations.transcribe(audio);
                transcripts.add(text);
                return text;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
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

    @Test
    @Order(2)
    void speechToTextFailing() throws Exception {
        failingModelStillGetsASpokenReply("stt", FakeModelServer.Fault.ERROR_500, "speech-to-text");
    }

    @Test
    @Order(3)
    void languageModelHanging() throws Exception {
        failingModelStillGetsASpokenReply("llm", FakeModelServer.Fault.HANG, "language model");
    }

    @Test
    @Order(4)
    void textToSpeechStallingMidStream() throws Exception {
        failingModelStillGetsASpokenReply("tts", FakeModelServer.Fault.STALL, "text-to-speech");
    }

    private static String failure(JsonObject turn) {
        return turn.containsKey("failure") && !turn.isNull("failure") ? turn.getString("failure") : "";
    }

    /**
     * The first turn meets the fault and the caller hears the apology; the fault is then healed and the second
     * turn gets a real reply: the call goes on.
     */
    private void failingModelStillGetsASpokenReply(String service, FakeModelServer.Fault fault, String model)
            throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("parley-" + service);
        models.replier(said -> "Fine, thank you.");
        models.fault(service, fault);
        ScheduledExecutorService healer = Executors.newSingleThreadScheduledExecutor();
        // The first sentence ends at about 4.5 s, its reply (the apology) follows; the second starts at 11 s.
        healer.schedule(models::healthy, 9, TimeUnit.SECONDS);
        CallResult call;
        try {
            call = Conversations.call(ParleyServer.REMOTE, "--say", "Hello there.", "--say", "How are you?",
                    "--start-ms", "3500", "--pause-ms", "6000", "--duration", "19", "--record", dir.toString())
                    .calls().get(0);
        } finally {
            healer.shutdownNow();
        }
        assertTrue(call.ok(), call.error());
        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        System.out.println(service + " " + fault + ": " + turns);
        JsonObject failed = turns.stream().filter(t -> t.getString("speaker").equals("agent")
                && failure(t).startsWith(model)).findFirst().orElse(null);
        assertNotNull(failed, "an agent turn records the " + model + " failure: " + turns);
        JsonObject last = turns.get(turns.size() - 1);
        assertEquals("agent", last.getString("speaker"), turns.toString());
        assertEquals("", failure(last), "the second turn is answered normally: " + last);
        assertEquals("Fine, thank you.", last.getString("text"));

        String heard = Conversations.transcribe(dir.resolve(call.callSid() + "-heard.wav"));
        System.out.println("The caller heard: " + heard);
        assertTrue(heard.contains("sorry") && heard.contains("say that again"), "the apology was spoken: " + heard);
        assertTrue(heard.contains("fine"), "and then the reply: " + heard);
    }
}
