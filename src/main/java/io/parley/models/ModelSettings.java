package io.parley.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Which models Parley uses (README, "Models"): an empty {@code parley.<stt|llm|tts>.url} selects the embedded
 * model, a URL the OpenAI-compatible server there.
 */
@ApplicationScoped
public class ModelSettings {

    public static final String DEFAULT_APOLOGY = "Sorry, I'm having a little trouble. Could you say that again?";

    public static final String VOSK_MODEL = "parley.stt.vosk.model";
    /** The unpacked model directory the unit tests pass (an alternative to {@link #VOSK_MODEL}). */
    public static final String VOSK_MODEL_DIR = "parley.stt.vosk.model-dir";

    private Config config;

    protected ModelSettings() {
        // for the CDI proxy
    }

    @Inject
    public ModelSettings(Config config) {
        this.config = config;
    }

    public Optional<RemoteModel> stt() {
        return remote("stt", "whisper-1", 1200, 1000);
    }

    public Optional<RemoteModel> llm() {
        return remote("llm", "google/gemma-3-27b-it", 1200, 1000);
    }

    public Optional<RemoteModel> tts() {
        return remote("tts", "tts-1", 1000, 1000);
    }

    /** The transcription language hint (ISO 639-1), or empty to let the server detect it. */
    /** Spoken when a model fails ({@code parley.apology}); rendered once at start-up by the embedded voice. */
    public String apology() {
        return string("parley.apology", DEFAULT_APOLOGY).orElse(DEFAULT_APOLOGY);
    }

    public Optional<String> sttLanguage() {
        return string("parley.stt.language", "en");
    }

    public int llmMaxTokens() {
        return config.getOptionalValue("parley.llm.max-tokens", Integer.class).orElse(200);
    }

    public double llmTemperature() {
        return config.getOptionalValue("parley.llm.temperature", Double.class).orElse(0.7);
    }

    public String ttsVoice() {
        return string("parley.tts.voice", "alloy").orElse("alloy");
    }

    /** The rate of the raw PCM the TTS server streams (24 kHz in OpenAI's API). */
    public int ttsSampleRate() {
        return config.getOptionalValue("parley.tts.sample-rate", Integer.class).orElse(24_000);
    }

    /** Vosk's model: a folder, or a zip/aar to unpack; empty when neither key is set. */
    public Optional<Path> voskModel() {
        return string(VOSK_MODEL, null).or(() -> string(VOSK_MODEL_DIR, null)).map(Path::of);
    }

    private Optional<RemoteModel> remote(String service, String defaultModel, long firstByteMillis, long idleMillis) {
        String prefix = "parley." + service + ".";
        return string(prefix + "url", null).map(url -> new RemoteModel(service, URI.create(url),
                string(prefix + "model", defaultModel).orElse(defaultModel), string(prefix + "api-key", null),
                millis(prefix + "first-byte-timeout-ms", firstByteMillis), millis(prefix + "idle-timeout-ms", idleMillis)));
    }

    private Duration millis(String key, long defaultMillis) {
        return Duration.ofMillis(Math.max(1, config.getOptionalValue(key, Long.class).orElse(defaultMillis)));
    }

    private Optional<String> string(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty())
                .or(() -> Optional.ofNullable(defaultValue));
    }
}
