package io.parley.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** How the assistant converses (README, configuration table: greeting, prompt, {@code parley.vad.*}, {@code parley.turn.*},
 * {@code parley.barge-in.*}, {@code parley.idle.*}, {@code parley.keypad.*}). */
@ApplicationScoped
public class ConversationSettings {

    public static final String DEFAULT_GREETING = "Hello, this is Parley. How can I help you?";
    public static final String DEFAULT_RETURNING_GREETING = "Welcome back, {name}. How can I help you today?";
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

    /** The greeting for a caller whose name Parley knows; {@code {name}} is replaced by it. */
    public String returningGreeting(String name) {
        return string("parley.greeting.returning", DEFAULT_RETURNING_GREETING).replace("{name}", name);
    }

    public String systemPrompt() {
        return string("parley.llm.system-prompt", DEFAULT_PROMPT);
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

    public BargeIn.Settings bargeIn() {
        BargeIn.Settings d = BargeIn.Settings.defaults();
        return new BargeIn.Settings(
                config.getOptionalValue("parley.barge-in.min-speech-ms", Integer.class).orElse(d.minSpeechMillis()),
                config.getOptionalValue("parley.barge-in.min-words", Integer.class).orElse(d.minWords()));
    }

    public IdleWatch.Settings idle() {
        IdleWatch.Settings d = IdleWatch.Settings.defaults();
        return new IdleWatch.Settings(
                config.getOptionalValue("parley.idle.check-in-ms", Integer.class).orElse(d.checkInMillis()),
                config.getOptionalValue("parley.idle.goodbye-ms", Integer.class).orElse(d.goodbyeMillis()),
                string("parley.idle.check-in", d.checkIn()),
                string("parley.idle.goodbye", d.goodbye()));
    }

    /**
     * The longest the caller waits, after their turn is committed, for the first sound of the reply; then they
     * hear the apology, whichever model is slow.
     */
    public int replyDeadlineMillis() {
        return config.getOptionalValue("parley.reply.deadline-ms", Integer.class).orElse(1400);
    }

    /**
     * How long after the first sound of a reply the caller may still go on with their turn: speech that begins
     * sooner was not an answer to the reply (the caller had not heard it yet, let alone reacted), so it continues
     * the caller's sentence, and the reply is dropped.
     */
    public int resumeGraceMillis() {
        return config.getOptionalValue("parley.turn.resume-grace-ms", Integer.class).orElse(400);
    }

    /** How long the keypad waits for another key before the keys pressed so far are one entry. */
    public int keypadInterDigitMillis() {
        return config.getOptionalValue("parley.keypad.inter-digit-ms", Integer.class).orElse(1500);
    }

    private String string(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty()).orElse(defaultValue);
    }
}
