package io.parley.models;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.ScriptedResponder;
import io.parley.models.embedded.SileroVad;
import io.parley.models.embedded.VoskModelFiles;
import io.parley.models.embedded.VoskRecognizer;
import io.parley.models.remote.Guard;
import io.parley.models.remote.ModelCalls;
import io.parley.models.remote.RemoteLanguageModel;
import io.parley.models.remote.RemoteSpeechToText;
import io.parley.models.remote.RemoteTextToSpeech;
import io.parley.models.remote.Transport;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The models of the application, loaded once at start-up: the voice activity detector, and speech-to-text,
 * the language model and text-to-speech, each remote when its {@code parley.<stt|llm|tts>.url} is set and
 * embedded otherwise. Also the apology the caller hears when a model fails, rendered here by the embedded voice
 * so that it plays even when the remote voice is down. What failed to load is kept for readiness and logged;
 * the application still starts (the echo agent needs no models).
 */
@ApplicationScoped
public class Models {

    private static final Logger LOG = Logger.getLogger(Models.class.getName());

    @Inject
    ModelSettings settings;

    @Inject
    ModelCalls calls;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, String> problems = new LinkedHashMap<>();
    private SileroVad vad;
    private SpeechToText stt;
    private LanguageModel llm;
    private TextToSpeech tts;
    private Pcm16 apology;
    private VoskRecognizer vosk;

    void load(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long started = System.nanoTime();
        Transport transport = new Transport(Transport.newHttpClient(executor), scheduler, Guard.of(calls));
        FreeTtsSpeech voice = attempt("tts-embedded", () -> new FreeTtsSpeech(executor));
        vad = attempt("vad", SileroVad::load);
        Optional<RemoteModel> remoteStt = settings.stt();
        stt = remoteStt.isPresent()
                ? new RemoteSpeechToText(remoteStt.get(), transport, settings.sttLanguage())
                : attempt("stt", this::loadVosk);
        llm = settings.llm().<LanguageModel>map(m -> new RemoteLanguageModel(m, transport, settings.llmMaxTokens(),
                settings.llmTemperature())).orElseGet(() -> new ScriptedResponder(executor, Clock.systemDefaultZone()));
        tts = settings.tts().<TextToSpeech>map(m -> new RemoteTextToSpeech(m, transport, settings.ttsVoice(),
                settings.ttsSampleRate())).orElse(voice);
        if (voice != null) {
            apology = attempt("apology", () -> render(voice, settings.apology()));
        }
        LOG.info(() -> "Models ready in " + (System.nanoTime() - started) / 1_000_000 + " ms: speech-to-text "
                + describe(stt) + "; language model " + describe(llm) + "; text-to-speech " + describe(tts)
                + (problems.isEmpty() ? "" : "; NOT LOADED: " + problems));
    }

    @PreDestroy
    void close() {
        if (vad != null) {
            vad.close();
        }
        if (vosk != null) {
            vosk.close();
        }
    }

    /** The names of the embedded voices a persona may take (without a speech server). */
    public static java.util.Set<String> embeddedVoices() {
        return new java.util.TreeSet<>(FreeTtsSpeech.VOICES_BY_NAME.keySet());
    }

    public SileroVad vad() {
        return require(vad, "vad");
    }

    public SpeechToText speechToText() {
        return require(stt, "stt");
    }

    public LanguageModel languageModel() {
        return llm;
    }

    public TextToSpeech textToSpeech() {
        return require(tts, "tts-embedded");
    }

    /** The apology at 8 kHz, ready to play. */
    public Pcm16 apology() {
        return require(apology, "apology");
    }

    /** What could not be loaded, by role, with the reason. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private SpeechToText loadVosk() throws Exception {
        Path location = settings.voskModel().orElseThrow(() -> new IllegalStateException(
                "no Vosk model configured: set " + ModelSettings.VOSK_MODEL + " (PARLEY_STT_VOSK_MODEL) to the model's"
                        + " folder or archive, or parley.stt.url to a transcription server"));
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "parley-models");
        vosk = new VoskRecognizer(VoskModelFiles.locate(location, cache));
        return vosk;
    }

    private static Pcm16 render(FreeTtsSpeech voice, String text) {
        Pcm16 speech = voice.render(text);
        if (speech.sampleCount() == 0) {
            throw new IllegalStateException("the embedded voice produced no audio for the apology");
        }
        // Without the voice's leading silence: the caller has waited long enough when the apology plays.
        return io.parley.audio.LeadingSilence.trim(Resampler.convert(speech, Pcm16.RATE_8K));
    }

    private interface Loader<T> {
        T load() throws Exception;
    }

    private <T> T attempt(String role, Loader<T> loader) {
        try {
            return loader.load();
        } catch (Exception | LinkageError e) {
            String why = e instanceof NoClassDefFoundError || e instanceof UnsatisfiedLinkError
                    ? e + " (are the model runtimes in the server's lib/parley shared library? See README)" : e.toString();
            problems.put(role, why);
            LOG.log(Level.SEVERE, "Could not load the " + role + " model: " + why, e);
            return null;
        }
    }

    private <T> T require(T model, String role) {
        if (model == null) {
            throw new IllegalStateException("the " + role + " model is not available: " + problems.get(role));
        }
        return model;
    }

    private static String describe(Object model) {
        return model == null ? "(none)" : model instanceof SpeechToText s ? s.describe()
                : model instanceof LanguageModel l ? l.describe() : ((TextToSpeech) model).describe();
    }
}
