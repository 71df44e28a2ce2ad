package it.io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.SpeechToText;
import io.parley.models.embedded.VoskRecognizer;
import io.parley.sim.CallSimulator;
import io.parley.sim.SimOptions;
import io.parley.sim.SimulationReport;
import it.io.parley.ParleyServer;
import io.parley.models.remote.FakeModelServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vosk.Model;
import org.vosk.Recognizer;

/** Conversations with the real server through the call simulator, and Vosk to hear what the caller heard. */
public final class Conversations {

    private static VoskRecognizer vosk;
    private static Model voskModel;

    private Conversations() {
    }

    /** A simulated call to {@code server} asking for the assistant; {@code extra} are simulator options. */
    static SimulationReport call(String server, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", server, "--public-url", ParleyServer.PUBLIC,
                "--auth-token", ParleyServer.AUTH_TOKEN, "--account-sid", ParleyServer.ACCOUNT_SID,
                "--agent", "assistant", "--api-key", ParleyServer.API_KEY));
        args.addAll(List.of(extra));
        SimulationReport report = CallSimulator.run(SimOptions.parse(args.toArray(String[]::new)),
                new PrintStream(OutputStream.nullOutputStream()));
        report.print(System.out);
        return report;
    }

    /**
     * The server ended the call (its agent hung up) with this reason: a normal close, or, when the close frame
     * lost a race with the caller's audio still on its way, a dropped connection the simulator matched with the
     * server's record.
     */
    static void assertHungUpByServer(io.parley.sim.CallResult call, String reason) {
        org.junit.jupiter.api.Assertions.assertTrue(call.closeCode() == 1000
                        || call.closeReason().startsWith("the server ended the call (" + reason + ")"),
                "the agent hung up (" + reason + "): " + call.closeCode() + " " + call.closeReason());
    }

    static synchronized SpeechToText vosk() throws Exception {
        if (vosk == null) {
            vosk = new VoskRecognizer(Path.of(System.getProperty("parley.stt.vosk.model-dir")));
        }
        return vosk;
    }

    /**
     * A fake model server whose Whisper is Vosk listening only for the words of {@code sentences}, the ones the
     * test's caller says. With its whole vocabulary Vosk decodes at about 0.7 times real time on these two
     * cores: 1.4 s for a 2 s sentence, longer than Parley waits for a transcript, where a GPU Whisper answers in
     * about 100 ms. Given the test's words (anything else is heard as unknown and left out) it still recognises
     * the real audio Parley sends, in 40 to 120 ms, which is the latency the fake adds.
     */
    static FakeModelServer modelsHearing(String... sentences) throws Exception {
        return modelsHearing(text -> { }, sentences);
    }

    /** The same, telling {@code heard} each transcript it returns. */
    static FakeModelServer modelsHearing(Consumer<String> heard, String... sentences) throws Exception {
        String grammar = grammar(sentences);
        hearWords(Pcm16.silence(Pcm16.RATE_16K, 500), grammar); // loads the model before the first call
        FakeModelServer models = FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        models.sttMillis = 0; // Vosk's own time is the latency
        models.transcriber(audio -> {
            String text = hearWords(audio, grammar);
            heard.accept(text);
            return text;
        });
        return models;
    }

    /** Vosk's grammar: each sentence as a phrase of lower-case words, and the unknown word. */
    private static String grammar(String... sentences) {
        JsonArrayBuilder phrases = Json.createArrayBuilder();
        for (String sentence : sentences) {
            phrases.add(sentence.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").replaceAll("\\s+", " ").strip());
        }
        return phrases.add("[unk]").build().toString();
    }

    private static String hearWords(Pcm16 audio, String grammar) {
        short[] samples = (audio.sampleRate() == VoskRecognizer.SAMPLE_RATE ? audio
                : Resampler.convert(audio, VoskRecognizer.SAMPLE_RATE)).samples();
        StringBuilder text = new StringBuilder();
        try (Recognizer recognizer = new Recognizer(voskModel(), VoskRecognizer.SAMPLE_RATE, grammar)) {
            int step = VoskRecognizer.SAMPLE_RATE / 10;
            for (int i = 0; i < samples.length; i += step) {
                short[] chunk = java.util.Arrays.copyOfRange(samples, i, Math.min(samples.length, i + step));
                if (recognizer.acceptWaveForm(chunk, chunk.length)) {
                    text.append(' ').append(text(recognizer.getResult()));
                }
            }
            text.append(' ').append(text(recognizer.getFinalResult()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().replace("[unk]", " ").replaceAll("\\s+", " ").strip();
    }

    private static String text(String voskResult) {
        return Json.createReader(new StringReader(voskResult)).readObject().getString("text", "");
    }

    private static synchronized Model voskModel() throws IOException {
        if (voskModel == null) {
            voskModel = new Model(System.getProperty("parley.stt.vosk.model-dir"));
        }
        return voskModel;
    }

    /** What Vosk hears in a recording, lower case. */
    public static String transcribe(Path wav) throws Exception {
        return transcribe(WavFile.read(wav));
    }

    public static String transcribe(Pcm16 audio) throws Exception {
        try (SpeechToText.Utterance utterance = vosk().begin()) {
            int step = audio.sampleRate() / 10;
            short[] samples = audio.samples();
            for (int i = 0; i < samples.length; i += step) {
                utterance.accept(new Pcm16(audio.sampleRate(),
                        java.util.Arrays.copyOfRange(samples, i, Math.min(samples.length, i + step))));
            }
            return utterance.finish().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The call's turns from {@code GET /api/calls/{sid}}. */
    static List<JsonObject> turns(String server, String callSid) {
        return ParleyServer.call(server, callSid).getJsonArray("turns").getValuesAs(JsonObject.class);
    }
}
