package it.io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.audio.WavFile;
import io.parley.models.SpeechToText;
import io.parley.models.embedded.VoskRecognizer;
import io.parley.sim.CallSimulator;
import io.parley.sim.SimOptions;
import io.parley.sim.SimulationReport;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Conversations with the real server through the call simulator, and Vosk to hear what the caller heard. */
final class Conversations {

    private static VoskRecognizer vosk;

    private Conversations() {
    }

    /** A simulated call to {@code server} asking for the assistant; {@code extra} are simulator options. */
    static SimulationReport call(String server, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", server, "--public-url", ParleyServer.PUBLIC,
                "--auth-token", ParleyServer.AUTH_TOKEN, "--account-sid", ParleyServer.ACCOUNT_SID,
                "--agent", "assistant"));
        args.addAll(List.of(extra));
        SimulationReport report = CallSimulator.run(SimOptions.parse(args.toArray(String[]::new)),
                new PrintStream(OutputStream.nullOutputStream()));
        report.print(System.out);
        return report;
    }

    static synchronized SpeechToText vosk() throws Exception {
        if (vosk == null) {
            vosk = new VoskRecognizer(Path.of(System.getProperty("parley.stt.vosk.model-dir")));
        }
        return vosk;
    }

    /**
     * A fake model server that transcribes with Vosk, loaded and warmed up here first (its first transcription
     * would otherwise take longer than Parley waits for a transcript).
     */
    static io.parley.models.remote.FakeModelServer modelsHearingWithVosk() throws Exception {
        return modelsHearingWithVosk(text -> { });
    }

    /** The same, telling {@code heard} each transcript it returns. */
    static io.parley.models.remote.FakeModelServer modelsHearingWithVosk(java.util.function.Consumer<String> heard)
            throws Exception {
        transcribe(Pcm16.silence(Pcm16.RATE_16K, 500));
        io.parley.models.remote.FakeModelServer models =
                io.parley.models.remote.FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        models.sttMillis = 0; // Vosk's own time is the latency
        models.transcriber(audio -> {
            try {
                String text = transcribe(audio);
                heard.accept(text);
                return text;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return models;
    }

    /** What Vosk hears in a recording, lower case. */
    static String transcribe(Path wav) throws Exception {
        return transcribe(WavFile.read(wav));
    }

    static String transcribe(Pcm16 audio) throws Exception {
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
