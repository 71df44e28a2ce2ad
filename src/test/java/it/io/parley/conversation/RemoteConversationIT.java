package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.SpeechSamples;
import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /**
     * The caller hangs up in the middle of a sentence: what they had said is transcribed after the call, and is on
     * the call's record and in its notes.
     */
    @Test
    @Order(2)
    void aCallerWhoHangsUpMidSentenceKeepsTheirLastWords(@TempDir Path dir) throws Exception {
        ExecutorService voice = Executors.newSingleThreadExecutor();
        Pcm16 name;
        Pcm16 address;
        try {
            FreeTtsSpeech tts = new FreeTtsSpeech(voice);
            name = Resampler.convert(SpeechSamples.say(tts, "My name is Ada."), Pcm16.RATE_8K);
            address = Resampler.convert(SpeechSamples.say(tts, "And I live at forty two Rue de Rivoli in Paris."),
                    Pcm16.RATE_8K);
        } finally {
            voice.shutdownNow();
        }
        short[] cut = java.util.Arrays.copyOf(address.samples(), address.sampleCount() * 3 / 5);
        Pcm16 says = Pcm16.silence(Pcm16.RATE_8K, 5_000).append(name).append(Pcm16.silence(Pcm16.RATE_8K, 5_000))
                .append(new Pcm16(Pcm16.RATE_8K, cut));
        Path wav = dir.resolve("hangs-up.wav");
        WavFile.write(wav, says);
        long dialling = System.nanoTime();
        long secondSentence = (10_000 + name.sampleCount() / 8) * 1_000_000L;
        models.transcriber(audio -> System.nanoTime() - dialling < secondSentence ? "my name is ada"
                : "and i live at forty two");
        int notesBefore = models.notesRequests().size();

        CallResult call = Conversations.call(ParleyServer.REMOTE, "--wav", wav.toString(), "--duration",
                String.valueOf(says.sampleCount() / 8000.0)).calls().get(0);
        assertTrue(call.ok(), call.error());

        List<String> turns = awaitTurn(call.callSid(), "caller: and i live at forty two", Duration.ofSeconds(10));
        assertEquals("caller: my name is ada", turns.get(1), turns.toString());
        assertEquals("caller: and i live at forty two", turns.get(turns.size() - 1),
                "the words cut off by the hang-up come last: " + turns);
        // The notes of the test before may be asked for in the meantime (two seconds after its call): this call's
        // are the ones that hold Ada's name.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (notesOf(notesBefore, "my name is ada") == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String notes = notesOf(notesBefore, "my name is ada");
        assertTrue(notes != null, "the call's notes were asked for: " + models.notesRequests());
        assertTrue(notes.contains("and i live at forty two"), "the notes are written with the last words: " + notes);
    }

    /** The first notes request since {@code from} that holds {@code words}, as JSON text; null when none yet. */
    private static String notesOf(int from, String words) {
        List<JsonObject> asked = models.notesRequests();
        return asked.subList(Math.min(from, asked.size()), asked.size()).stream().map(JsonObject::toString)
                .filter(n -> n.contains(words)).findFirst().orElse(null);
    }

    private static List<String> awaitTurn(String callSid, String turn, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> turns = Conversations.turns(ParleyServer.REMOTE, callSid).stream()
                    .map(t -> t.getString("speaker") + ": " + t.getString("text")).toList();
            if (turns.contains(turn) || System.nanoTime() > deadline) {
                return turns;
            }
            Thread.sleep(100);
        }
    }
}
