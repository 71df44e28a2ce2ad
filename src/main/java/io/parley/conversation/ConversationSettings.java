package io.parley.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** How the assistant converses (README, configuration table: greeting, prompt, {@code parley.vad.*}, {@code parley.turn.*}). */
@ApplicationScoped
public class ConversationSettings {

    public static final String DEFAULT_GREETING = "Hello, this is Parley. How can I help you?";
    public static final String DEFAULT_APOLOGY = "Sorry, I'm having a little trouble. Could you say that again?";
    public static final String DEFAULT_PROMPT = "You are Parley, a friendly voice assistant on a phone call. "
            + "Answer briefly, in one to three short spoken sentences, without lists, markdown or emoji. "
            + "If the caller says goodbye, say goodbye back.";

    private Config config;

    protected ConversationSettings() {
        // for the CDI proxy
    }

    @Inject
    public ConversationSettings(Config config) {
        this.config = config;
    }

    public String greeting() {
        return string("parley.greeting", DEFAULT_GREETING);
    }

    public String systemPrompt() {
        return string("parley.llm.system-prompt", DEFAULT_PROMPT);
    }

    /** Spoken when a model fails; rendered once at start-up by the embedded voice. */
    public String apology() {
        return string("parley.apology", DEFAULT_APOLOGY);
    }

    public VoiceActivityDetector.Settings vad() {
        VoiceActivityDetector.Settings d = VoiceActivityDetector.Settings.defaults();
        return new VoiceActivityDetector.Settings(
                config.getOptionalValue("parley.vad.start-threshold", Float.class).orElse(d.startThreshold()),
                config.getOptionalValue("parley.vad.end-threshold", Float.class).orElse(d.endThreshold()),
                config.getOptionalValue("parley.vad.min-speech-ms", Integer.class).orElse(d.minSpeechMillis()),
                config.getOptionalValue("parley.vad.min-silence-ms", Integer.class).orElse(d.minSilenceMillis()));
    }

    public TurnDetector.Settings turn() {
        TurnDetector.Settings d = TurnDetector.Settings.defaults();
        return new TurnDetector.Settings(
                config.getOptionalValue("parley.turn.finished-pause-ms", Integer.class).orElse(d.finishedPauseMillis()),
                config.getOptionalValue("parley.turn.unfinished-pause-ms", Integer.class).orElse(d.unfinishedPauseMillis()));
    }

    private String string(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty()).orElse(defaultValue);
    }
}
