package io.parley.models.embedded;

import io.parley.audio.Pcm16;
import io.parley.audio.RateConverter;
import io.parley.models.SpeechToText;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * The embedded recogniser: Vosk with its small US-English model, streaming (a partial transcript while the
 * caller speaks). The model expects 16 kHz, and fed telephone audio at 8 kHz it hears nothing, so each
 * utterance upsamples the call's audio with the anti-aliasing {@link Resampler}. One model for the
 * application (it is large and read-only); one recogniser per utterance.
 */
public final class VoskRecognizer implements SpeechToText, AutoCloseable {

    public static final int SAMPLE_RATE = Pcm16.RATE_16K;

    private final Model model;
    private final Path directory;

    public VoskRecognizer(Path modelDirectory) throws IOException {
        if (!Files.isRegularFile(modelDirectory.resolve("am").resolve("final.mdl"))) {
            throw new IOException("no Vosk model in " + modelDirectory + " (expected am/final.mdl)");
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        this.directory = modelDirectory;
        this.model = new Model(modelDirectory.toString());
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public String describe() {
        return "embedded Vosk small en-us (" + directory + ")";
    }

    @Override
    public Utterance begin() {
        try {
            return new VoskUtterance(new Recognizer(model, SAMPLE_RATE));
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not create a recogniser: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static final class VoskUtterance implements Utterance {
        private final Recognizer recognizer;
        private final RateConverter toModelRate = new RateConverter(SAMPLE_RATE);
        private final StringBuilder committed = new StringBuilder();
        private String partial = "";
        private boolean closed;

        VoskUtterance(Recognizer recognizer) {
            this.recognizer = recognizer;
        }

        @Override
        public void accept(Pcm16 audio) {
            if (closed) {
                return;
            }
            short[] samples = toModelRate.convert(audio).samples();
            if (recognizer.acceptWaveForm(samples, samples.length)) {
                append(text(recognizer.getResult(), "text"));
                partial = "";
            } else {
                partial = text(recognizer.getPartialResult(), "partial");
            }
        }

        @Override
        public Optional<String> partial() {
            String soFar = join(committed.toString(), partial);
            return soFar.isEmpty() ? Optional.empty() : Optional.of(soFar);
        }

        @Override
        public CompletionStage<String> settle() {
            if (!closed) {
                append(text(recognizer.getFinalResult(), "text"));
                partial = "";
            }
            return CompletableFuture.completedFuture(committed.toString());
        }

        @Override
        public CompletionStage<String> finish() {
            if (closed) {
                return CompletableFuture.completedFuture(committed.toString());
            }
            append(text(recognizer.getFinalResult(), "text"));
            close();
            return CompletableFuture.completedFuture(committed.toString());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                recognizer.close();
            }
        }

        private void append(String text) {
            if (!text.isEmpty()) {
                if (committed.length() > 0) {
                    committed.append(' ');
                }
                committed.append(text);
            }
        }

        private static String join(String a, String b) {
            return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
        }

        private static String text(String json, String field) {
            try (var reader = Json.createReader(new StringReader(json))) {
                JsonObject result = reader.readObject();
                return result.getString(field, "").strip();
            }
        }
    }
}
