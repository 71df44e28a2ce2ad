package io.parley.models.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.audio.Pcm16;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.RemoteModel;
import io.parley.models.SpeechToText;
import io.parley.models.TextToSpeech;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote clients against a fake that speaks the wire formats, with its latency and faults; no fault tolerance. */
class RemoteModelsTest {

    private static FakeModelServer fake;
    private static ScheduledExecutorService scheduler;
    private static Transport transport;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeModelServer.start(0);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        transport = new Transport(Transport.newHttpClient(), scheduler, Guard.none());
    }

    @AfterAll
    static void stop() {
        fake.close();
        scheduler.shutdownNow();
    }

    @BeforeEach
    void healthy() {
        fake.healthy();
        fake.llmFirstTokenMillis = 150;
        fake.llmTokenMillis = 15;
        fake.sttMillis = 100;
        fake.ttsFirstAudioMillis = 100;
    }

    private static RemoteModel model(String service) {
        return new RemoteModel(service, URI.create(fake.baseUrl()), "fake-" + service, Optional.of("sk-test"),
                Duration.ofMillis(1000), Duration.ofMillis(500));
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e; // a stage cancelled (barge-in) completes with the CancellationException itself
        }
        return fail("expected a failure");
    }

    // ---- chat ----

    @Test
    void backgroundWorkGoesThroughTheNotesGuardNotTheLiveRepliesOne() throws Exception {
        List<String> used = new CopyOnWriteArrayList<>();
        Guard counting = new Guard() {
            @Override
            public java.util.concurrent.CompletionStage<String> transcribe(
                    java.util.function.Supplier<java.util.concurrent.CompletionStage<String>> request) {
                used.add("transcribe");
                return request.get();
            }

            @Override
            public java.util.concurrent.CompletionStage<String> chat(
                    java.util.function.Supplier<java.util.concurrent.CompletionStage<String>> stream) {
                used.add("chat");
                return stream.get();
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> speech(
                    java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> stream) {
                used.add("speech");
                return stream.get();
            }

            @Override
            public java.util.concurrent.CompletionStage<String> notes(
                    java.util.function.Supplier<java.util.concurrent.CompletionStage<String>> stream) {
                used.add("notes");
                return stream.get();
            }
        };
        LanguageModel llm = new RemoteLanguageModel(model("llm"),
                new Transport(Transport.newHttpClient(), scheduler, counting), 120, 0.5);
        String summary = llm.background(List.of(ChatMessage.system("Summarise."), ChatMessage.user("My name is Ada.")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("I heard you say My name is Ada. Tell me more, please.", summary);
        llm.reply(List.of(ChatMessage.user("Hello.")), piece -> { }).done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("notes", "chat"), used, "a summary never takes a live reply's place in the bulkhead");
    }

    @Test
    void chatStreamsTheReplyPieceByPieceAndSendsTheWholeConversation() throws Exception {
        LanguageModel llm = new RemoteLanguageModel(model("llm"), transport, 120, 0.5);
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<ChatMessage> conversation = List.of(ChatMessage.system("Be brief."), ChatMessage.assistant("Hello!"),
                ChatMessage.user("My name is Ada."));
        long started = System.nanoTime();
        String all = llm.reply(conversation, pieces::add).done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("I heard you say My name is Ada. Tell me more, please.", all);
        assertEquals(all, String.join("", pieces));
        assertTrue(pieces.size() >= 8, "streamed in pieces: " + pieces);
        assertTrue(millis >= 150, "the first token comes after the server's latency: " + millis);
        JsonObject request = fake.chatRequests().get(fake.chatRequests().size() - 1);
        assertEquals("fake-llm", request.getString("model"));
        assertTrue(request.getBoolean("stream"));
        assertEquals(120, request.getInt("max_tokens"));
        assertEquals(List.of("system", "assistant", "user"), request.getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getString("role")).toList());
        assertEquals("My name is Ada.", request.getJsonArray("messages").getJsonObject(2).getString("content"));
    }

    @Test
    void aCancelledReplyStopsDeliveringText() throws Exception {
        fake.llmTokenMillis = 100;
        LanguageModel llm = new RemoteLanguageModel(model("llm"), transport, 120, 0.5);
        List<String> pieces = new CopyOnWriteArrayList<>();
        LanguageModel.Reply reply = llm.reply(List.of(ChatMessage.user("Tell me a long story.")), pieces::add);
        while (pieces.isEmpty()) {
            Thread.sleep(5);
        }
        reply.cancel();
        int atCancel = pieces.size();
        Thread.sleep(400);
        assertTrue(pieces.size() <= atCancel + 1, "no text after cancel: " + pieces);
        assertInstanceOf(java.util.concurrent.CancellationException.class, failure(reply.done()));
    }

    @Test
    void chatFaultsBecomeClearErrors() throws Exception {
        LanguageModel llm = new RemoteLanguageModel(model("llm"), transport, 120, 0.5);
        List<ChatMessage> hello = List.of(ChatMessage.user("Hello."));

        fake.fault("llm", FakeModelServer.Fault.ERROR_500);
        Throwable error = failure(llm.reply(hello, p -> { }).done());
        assertInstanceOf(ModelServerException.class, error);
        assertTrue(error.getMessage().contains("HTTP 500") && error.getMessage().contains("model overloaded"), error.getMessage());

        fake.fault("llm", FakeModelServer.Fault.MALFORMED);
        error = failure(llm.reply(hello, p -> { }).done());
        assertTrue(error.getMessage().contains("not JSON"), error.getMessage());

        fake.fault("llm", FakeModelServer.Fault.CUT_OFF);
        error = failure(llm.reply(hello, p -> { }).done());
        assertTrue(error.getMessage().contains("without [DONE]") || error instanceof java.io.IOException, error.toString());

        fake.fault("llm", FakeModelServer.Fault.STALL);
        long started = System.nanoTime();
        error = failure(llm.reply(hello, p -> { }).done());
        assertInstanceOf(StreamStalledException.class, error);
        assertTrue(error.getMessage().contains("in the middle of the stream"), error.getMessage());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2000);

        fake.fault("llm", FakeModelServer.Fault.HANG);
        error = failure(llm.reply(hello, p -> { }).done());
        assertInstanceOf(StreamStalledException.class, error);
        assertTrue(error.getMessage().contains("no first token within 1000 ms"), error.getMessage());

        fake.fault("llm", FakeModelServer.Fault.ERROR_503);
        assertTrue(failure(llm.reply(hello, p -> { }).done()).getMessage().contains("HTTP 503"));

        fake.fault("llm", FakeModelServer.Fault.DRIP);
        error = failure(llm.reply(hello, p -> { }).done());
        assertInstanceOf(StreamStalledException.class, error, "bytes but never a token");
    }

    @Test
    void aServerThatRefusesTheConnectionIsNamed() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RemoteModel gone = new RemoteModel("llm", URI.create("http://127.0.0.1:" + port + "/v1"), "fake-llm",
                Optional.empty(), Duration.ofMillis(1000), Duration.ofMillis(500));
        Throwable error = failure(new RemoteLanguageModel(gone, transport, 120, 0.5)
                .reply(List.of(ChatMessage.user("Hi.")), p -> { }).done());
        assertInstanceOf(ModelServerException.class, error);
        assertTrue(error.getMessage().contains(":" + port + "/v1 could not be reached"), error.getMessage());
    }

    @Test
    void slowFirstTokenTimesOutEvenThoughHeadersCameAtOnce() throws Exception {
        fake.llmFirstTokenMillis = 1500;
        LanguageModel llm = new RemoteLanguageModel(model("llm"), transport, 120, 0.5);
        Throwable error = failure(llm.reply(List.of(ChatMessage.user("Hi.")), p -> { }).done());
        assertTrue(error.getMessage().contains("no first token"), error.getMessage());
    }

    // ---- speech ----

    @Test
    void speechStreamsRealPcmAtTheConfiguredRate() throws Exception {
        TextToSpeech tts = new RemoteTextToSpeech(model("tts"), transport, "alloy", FakeModelServer.TTS_RATE);
        List<Pcm16> chunks = new CopyOnWriteArrayList<>();
        tts.speak("The weather is nice today.", chunks::add).done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(chunks.size() > 3, "streamed in chunks: " + chunks.size());
        int samples = chunks.stream().mapToInt(Pcm16::sampleCount).sum();
        assertTrue(samples > FakeModelServer.TTS_RATE, "over a second of speech: " + samples);
        assertTrue(chunks.stream().allMatch(c -> c.sampleRate() == FakeModelServer.TTS_RATE));
        Pcm16 all = chunks.stream().reduce(Pcm16::append).orElseThrow();
        assertTrue(all.rmsDbfs() > -35, "speech, not noise from a broken byte order: " + all.rmsDbfs());
        assertEquals("The weather is nice today.", fake.speechInputs().get(fake.speechInputs().size() - 1));
    }

    @Test
    void speechFaultsBecomeClearErrors() throws Exception {
        TextToSpeech tts = new RemoteTextToSpeech(model("tts"), transport, "alloy", FakeModelServer.TTS_RATE);
        fake.fault("tts", FakeModelServer.Fault.MALFORMED);
        Throwable error = failure(tts.speak("Hello.", c -> { }).done());
        assertTrue(error.getMessage().contains("application/json instead of a stream")
                && error.getMessage().contains("unsupported response_format"), error.getMessage());

        fake.fault("tts", FakeModelServer.Fault.ERROR_500);
        assertTrue(failure(tts.speak("Hello.", c -> { }).done()).getMessage().contains("HTTP 500"));

        fake.fault("tts", FakeModelServer.Fault.STALL);
        error = failure(tts.speak("A sentence long enough for several chunks of audio.", c -> { }).done());
        assertInstanceOf(StreamStalledException.class, error);

        fake.fault("tts", FakeModelServer.Fault.HANG);
        error = failure(tts.speak("Hello.", c -> { }).done());
        assertTrue(error.getMessage().contains("no audio within 1000 ms"), error.getMessage());

        fake.fault("tts", FakeModelServer.Fault.ERROR_503);
        assertTrue(failure(tts.speak("Hello.", c -> { }).done()).getMessage().contains("HTTP 503"));

        fake.fault("tts", FakeModelServer.Fault.DRIP);
        error = failure(tts.speak("Hello.", c -> { }).done());
        assertTrue(error.getMessage().contains("in the middle of the stream"), error.getMessage());
    }

    // ---- transcription ----

    @Test
    void transcriptionSendsTheUtteranceAsA16kHzWav() throws Exception {
        Pcm16[] received = {null};
        fake.transcriber(audio -> {
            received[0] = audio;
            return " What time is it? ";
        });
        SpeechToText stt = new RemoteSpeechToText(model("stt"), transport, Optional.of("en"));
        SpeechToText.Utterance utterance = stt.begin();
        for (int i = 0; i < 50; i++) {
            utterance.accept(Pcm16.silence(Pcm16.RATE_8K, 20));
        }
        assertEquals("What time is it?", utterance.settle().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(16_000, received[0].sampleRate());
        assertEquals(16_000, received[0].sampleCount(), 400);
        utterance.accept(Pcm16.silence(Pcm16.RATE_8K, 500));
        utterance.finish().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(24_000, received[0].sampleCount(), 400, "the whole utterance again, with what came after the pause");
    }

    @Test
    void transcriptionFaultsBecomeClearErrors() throws Exception {
        SpeechToText stt = new RemoteSpeechToText(model("stt"), transport, Optional.empty());
        fake.fault("stt", FakeModelServer.Fault.ERROR_500);
        SpeechToText.Utterance utterance = stt.begin();
        utterance.accept(Pcm16.silence(Pcm16.RATE_8K, 200));
        Throwable error = failure(utterance.settle());
        assertTrue(error.getMessage().contains("HTTP 500") && error.getMessage().contains("CUDA out of memory"), error.getMessage());

        fake.fault("stt", FakeModelServer.Fault.MALFORMED);
        assertTrue(failure(utterance.settle()).getMessage().contains("other than JSON"));

        fake.fault("stt", FakeModelServer.Fault.ERROR_503);
        error = failure(utterance.settle());
        assertTrue(error.getMessage().contains("HTTP 503") && error.getMessage().contains("loading"), error.getMessage());

        fake.fault("stt", FakeModelServer.Fault.CUT_OFF);
        assertInstanceOf(java.io.IOException.class, failure(utterance.settle()));

        fake.fault("stt", FakeModelServer.Fault.HANG);
        error = failure(utterance.settle());
        assertInstanceOf(StreamStalledException.class, error);
        assertTrue(error.getMessage().contains("no transcript within 1000 ms"), error.getMessage());

        fake.fault("stt", FakeModelServer.Fault.DRIP);
        long started = System.nanoTime();
        error = failure(utterance.settle());
        assertTrue(error.getMessage().contains("in the middle of the stream"), error.getMessage());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 1500, "cut off at the idle timeout, not waited for");
    }
}
