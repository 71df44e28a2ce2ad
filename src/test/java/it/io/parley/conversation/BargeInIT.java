package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.ChatMessage;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interruptions, keys and silence, through the call simulator against the server with remote models (the fake
 * model servers in this JVM, which transcribe with Vosk, listening for the words the caller says here, and
 * speak with FreeTTS).
 */
class BargeInIT {

    /** A reply long enough (about 18 s spoken) that the caller always cuts into it. */
    static final String LONG_REPLY = "Our opening hours are a little complicated, so let me explain them. "
            + "On weekdays we open at nine in the morning. We close at five in the evening, except on Thursdays. "
            + "On Thursdays we stay open until eight. On Saturdays we open at ten and close at two. "
            + "On Sundays and public holidays we are closed all day.";

    private static FakeModelServer models;

    @BeforeAll
    static void startModels() throws Exception {
        models = Conversations.modelsHearing("Tell me about your opening hours.",
                "Wait, what about Saturday?", "And on Sunday?", "Thank you, goodbye.", "When are you open?", "Hey");
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    @BeforeEach
    void healthy() {
        models.healthy();
        models.llmTokenMillis = 15;
    }

    private static String interruptions(String outcome) {
        return "parley_interruptions_total{mp_scope=\"application\",outcome=\"" + outcome + "\",}";
    }

    @Test
    void afterThreeInterruptionsTheModelSeesExactlyWhatTheCallerHeard(@TempDir Path dir) throws Exception {
        models.replier(said -> said.contains("bye") ? "Goodbye, and thank you for calling." : LONG_REPLY);
        models.llmTokenMillis = 100; // a slow model: each reply is still streaming when the caller cuts in
        int chats = models.chatRequests().size();
        int abandoned = models.abandoned("llm");
        double yielded = ParleyServer.metric(ParleyServer.REMOTE, interruptions("yielded"));

        CallResult call = Conversations.call(ParleyServer.REMOTE, "--say", "Tell me about your opening hours.",
                "--say", "Wait, what about Saturday?", "--say", "And on Sunday?", "--say", "Thank you, goodbye.",
                "--start-ms", "5000", "--pause-ms", "4000", "--duration", "40", "--record", dir.toString())
                .calls().get(0);
        assertTrue(call.ok(), call.error());
        Conversations.assertHungUpByServer(call, "the caller said goodbye");

        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        System.out.println("Turns: " + turns);
        List<JsonObject> agent = turns.stream().filter(t -> t.getString("speaker").equals("agent")).toList();
        assertEquals(5, agent.size(), "greeting, three interrupted replies, goodbye: " + turns);
        List<String> heard = new ArrayList<>();
        for (JsonObject reply : agent.subList(1, 4)) {
            assertTrue(reply.getBoolean("interrupted"), reply.toString());
            String text = reply.getString("text");
            heard.add(text);
            assertFalse(text.isEmpty(), "the caller heard the start of each reply: " + reply);
            assertTrue(LONG_REPLY.startsWith(text), "what was heard is the start of the reply: " + text);
            assertTrue(text.length() < LONG_REPLY.length() / 2, "and only the start: " + text);
            String unheard = reply.getString("unheard");
            assertFalse(unheard.isEmpty());
            assertTrue(LONG_REPLY.substring(text.length()).strip().startsWith(unheard),
                    "the rest, as far as the model had written it before it was stopped, is recorded as not heard: "
                            + unheard);
        }
        assertFalse(agent.get(4).getBoolean("interrupted"));
        assertEquals("Goodbye, and thank you for calling.", agent.get(4).getString("text"));

        // The chat request of the last turn carries the whole conversation: each reply as far as it was heard.
        // Each sentence is one turn, though the caller pauses at its comma: a reply begun at the comma is dropped
        // when they go on before it sounds or within the resume grace after (its chat request is the only trace),
        // and the turn runs to the end.
        List<JsonObject> callerTurns = turns.stream().filter(t -> t.getString("speaker").equals("caller")).toList();
        assertEquals(List.of("tell me about your opening hours", "wait what about saturday", "and on sunday",
                "thank you goodbye"), callerTurns.stream().map(t -> t.getString("text")).toList());
        List<JsonObject> requests = models.chatRequests().subList(chats, models.chatRequests().size());
        assertTrue(requests.size() >= 4, "a chat request per caller turn, at least: " + requests.size());
        List<JsonObject> messages = requests.get(requests.size() - 1).getJsonArray("messages").getValuesAs(JsonObject.class);
        assertEquals(List.of("system", "assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user"),
                messages.stream().map(m -> m.getString("role")).toList(), messages.toString());
        assertEquals(heard, List.of(messages.get(3).getString("content"), messages.get(5).getString("content"),
                messages.get(7).getString("content")));
        assertEquals(callerTurns.get(3).getString("text"), messages.get(8).getString("content"));
        assertTrue(messages.get(8).getString("content").contains("bye"), messages.toString());

        assertTrue(models.abandoned("llm") - abandoned >= 3, "each interrupted reply's stream was closed: "
                + (models.abandoned("llm") - abandoned));
        assertEquals(3, ParleyServer.metric(ParleyServer.REMOTE, interruptions("yielded")) - yielded);
        assertTrue(call.clears() >= 3, "Twilio was told to clear three times: " + call.clears());
        // Three sentences cut into a reply; a reply begun at a comma ("Wait, …", "Thank you, …") that had just
        // sounded when the caller went on is cleared too (it is dropped, and the sentence stays one turn), so
        // there are three to five clears, each soon after speech began.
        assertTrue(call.bargeInMillis().size() >= 3 && call.bargeInMillis().size() <= 5,
                "each clear came soon after the caller's speech began: " + call.bargeInMillis());
        assertTrue(call.bargeInMillis().stream().allMatch(ms -> ms <= 400), "reaction " + call.bargeInMillis());
    }

    @Test
    void aShortSoundDoesNotInterruptTheReply(@TempDir Path dir) throws Exception {
        String reply = "On weekdays we open at nine in the morning and close at five in the evening.";
        models.replier(said -> reply);
        double resumed = ParleyServer.metric(ParleyServer.REMOTE, interruptions("resumed"));
        double yielded = ParleyServer.metric(ParleyServer.REMOTE, interruptions("yielded"));
        Pcm16 question = speech("When are you open?");
        Pcm16 word = speech("Hey");
        Pcm16 burst = new Pcm16(Pcm16.RATE_8K, Arrays.copyOf(word.samples(), 8 * 160)); // 160 ms of "Hey"
        Pcm16 caller = Pcm16.silence(Pcm16.RATE_8K, 5000).append(question).append(Pcm16.silence(Pcm16.RATE_8K, 2500))
                .append(burst).append(Pcm16.silence(Pcm16.RATE_8K, 9000));
        Path wav = dir.resolve("cough.wav");
        WavFile.write(wav, caller);

        CallResult call = Conversations.call(ParleyServer.REMOTE, "--wav", wav.toString(), "--record", dir.toString())
                .calls().get(0);
        assertTrue(call.ok(), call.error());
        assertTrue(call.clears() >= 1, "the reply was paused for the sound");
        assertEquals(1, ParleyServer.metric(ParleyServer.REMOTE, interruptions("resumed")) - resumed);
        assertEquals(0, ParleyServer.metric(ParleyServer.REMOTE, interruptions("yielded")) - yielded);

        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        System.out.println("Turns: " + turns);
        JsonObject answer = turns.get(turns.indexOf(turns.stream()
                .filter(t -> t.getString("speaker").equals("caller")).findFirst().orElseThrow()) + 1);
        assertEquals("agent", answer.getString("speaker"));
        assertFalse(answer.getBoolean("interrupted"), answer.toString());
        assertEquals(reply, answer.getString("text"), "the whole reply was heard after all");
        assertEquals(1, turns.stream().filter(t -> t.getString("speaker").equals("caller")).count(),
                "the sound was not a turn: " + turns);
        String heard = Conversations.transcribe(dir.resolve(call.callSid() + "-heard.wav"));
        System.out.println("The caller heard: " + heard);
        assertTrue(heard.contains("five in the evening"), "the reply went on to its end: " + heard);
    }

    @Test
    void keysPressedReachTheModelAndTheRecord(@TempDir Path dir) throws Exception {
        models.replier(said -> said.startsWith("[") ? "You pressed four two." : "Sorry?");
        int chats = models.chatRequests().size();
        Path wav = dir.resolve("silence.wav");
        WavFile.write(wav, Pcm16.silence(Pcm16.RATE_8K, 1000));
        CallResult call = Conversations.call(ParleyServer.REMOTE, "--wav", wav.toString(), "--duration", "11",
                "--dtmf", "4@5", "--dtmf", "2@5.3", "--dtmf", "#@5.6").calls().get(0);
        assertTrue(call.ok(), call.error());

        List<JsonObject> requests = models.chatRequests().subList(chats, models.chatRequests().size());
        assertEquals(1, requests.size(), "the three keys are one entry");
        List<JsonObject> messages = requests.get(0).getJsonArray("messages").getValuesAs(JsonObject.class);
        assertEquals(ChatMessage.keypad("42#").content(), messages.get(messages.size() - 1).getString("content"));
        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        JsonObject keys = turns.stream().filter(t -> t.getString("speaker").equals("caller")).findFirst().orElseThrow();
        assertEquals("42#", keys.getString("keys"));
        assertEquals("You pressed four two.", turns.get(turns.size() - 1).getString("text"));
    }

    @Test
    void aSilentCallerIsCheckedOnThenSaidGoodbyeTo(@TempDir Path dir) throws Exception {
        // The test server checks in after 6 s of silence and says goodbye 5 s after that.
        Path wav = dir.resolve("silence.wav");
        WavFile.write(wav, Pcm16.silence(Pcm16.RATE_8K, 1000));
        CallResult call = Conversations.call(ParleyServer.REMOTE, "--wav", wav.toString(), "--duration", "30")
                .calls().get(0);
        assertTrue(call.ok(), call.error());
        Conversations.assertHungUpByServer(call, "the caller was silent");
        JsonObject record = ParleyServer.call(ParleyServer.REMOTE, call.callSid());
        List<String> said = record.getJsonArray("turns").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("text")).toList();
        assertEquals(List.of("Hello, this is Parley. How can I help you?", "Are you still there?",
                "I haven't heard anything for a while, so I'll hang up now. Goodbye!"), said);
        assertEquals("the caller was silent", record.getJsonObject("media").getString("stateReason"));
        assertTrue(call.framesSent() < 25 * 50, "the call ended before the caller's 30 s: " + call.framesSent());
    }

    private static Pcm16 speech(String text) {
        Pcm16 voice = new FreeTtsSpeech(Runnable::run).render(text);
        Pcm16 narrow = Resampler.convert(voice, Pcm16.RATE_8K);
        short[] s = narrow.samples();
        int start = 0;
        while (start < s.length && Math.abs(s[start]) < 300) {
            start++;
        }
        return new Pcm16(Pcm16.RATE_8K, Arrays.copyOfRange(s, start, s.length));
    }
}
