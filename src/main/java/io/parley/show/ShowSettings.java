package io.parley.show;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/** The call-in show's settings: the {@code parley.show.*} keys (README, "Run a call-in show"). */
@ApplicationScoped
public class ShowSettings {

    public static final String NUMBERS = "parley.show.numbers";
    public static final String DEFAULT_GREETING = "Thanks for calling the show.";
    public static final String DEFAULT_NAME_QUESTION = "Before I put you in line, what's your name?";
    public static final String DEFAULT_TOPIC_QUESTION = "Thanks, {name}. What would you like to talk about on the show?";
    public static final String DEFAULT_RETURNING = "Welcome back, {name}! What would you like to talk about today?";
    public static final String DEFAULT_IN_LINE = "Thanks, {name}. You're number {position} in line. Stay on the line,"
            + " and the host will be with you soon.";
    public static final String DEFAULT_ANNOUNCEMENT = "You're number {position} in line, and you've waited about"
            + " {waited}. Thanks for holding.";
    public static final String DEFAULT_OFF_AIR = "The show is off the air right now.";
    public static final String DEFAULT_QUEUE_FULL = "All our lines are busy right now.";
    public static final String DEFAULT_LONG_WAIT = "Sorry to keep you waiting so long.";
    public static final String DEFAULT_VOICEMAIL = "Please leave a message after the tone, and we'll get back to you.";
    public static final String DEFAULT_THANKS = "Thanks for your message. Goodbye!";
    public static final String DEFAULT_BACK_ON_HOLD = "You're back on hold. The host will be with you again soon.";
    public static final String DEFAULT_GOODBYE = "Thanks for calling the show. Goodbye!";
    public static final String DEFAULT_HOST_GONE = "We've lost the studio for a moment. You're back on hold,"
            + " and we'll be with you again soon.";

    private Config config;

    protected ShowSettings() {
        // for the CDI proxy
    }

    @Inject
    public ShowSettings(Config config) {
        this.config = config;
    }

    /** Numbers (E.164) whose calls are the show line without {@code ?line=show}. */
    public Set<String> numbers() {
        return config.getOptionalValue(NUMBERS, String.class).map(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(n -> !n.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** Whether the show line is open when the server starts ({@code PUT /api/show} changes it while running). */
    public boolean onAirAtStart() {
        return config.getOptionalValue("parley.show.on-air", Boolean.class).orElse(false);
    }

    public String greeting() {
        return text("parley.show.greeting", DEFAULT_GREETING);
    }

    public String nameQuestion() {
        return text("parley.show.screening.name-question", DEFAULT_NAME_QUESTION);
    }

    public String topicQuestion() {
        return text("parley.show.screening.topic-question", DEFAULT_TOPIC_QUESTION);
    }

    public String returningGreeting() {
        return text("parley.show.screening.returning", DEFAULT_RETURNING);
    }

    public String inLine() {
        return text("parley.show.screening.in-line", DEFAULT_IN_LINE);
    }

    /** Exchanges (a question and its answer) the screener takes at most before the caller goes in line. */
    public int screeningExchanges() {
        return Math.max(1, config.getOptionalValue("parley.show.screening.max-exchanges", Integer.class).orElse(3));
    }

    /** The hold audio: a WAV file, looped; empty for the one that ships with Parley. */
    public Optional<String> holdAudio() {
        return config.getOptionalValue("parley.show.hold-audio", String.class).map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** How loud the hold audio plays, in dB (0 as recorded). */
    public double holdAudioGainDb() {
        return config.getOptionalValue("parley.show.hold-audio-gain-db", Double.class).orElse(0.0);
    }

    public Duration announceEvery() {
        return Duration.ofSeconds(Math.max(5, config.getOptionalValue("parley.show.announce-every-s", Integer.class)
                .orElse(45)));
    }

    public String announcement() {
        return text("parley.show.announcement", DEFAULT_ANNOUNCEMENT);
    }

    /** Callers in the queue (screening, waiting or on air) beyond which a new caller goes to voicemail. */
    public int maxQueue() {
        return Math.max(1, config.getOptionalValue("parley.show.max-queue", Integer.class).orElse(20));
    }

    /** The longest a screened caller waits in line before they are offered voicemail. */
    public Duration maxWait() {
        return Duration.ofSeconds(Math.max(10, config.getOptionalValue("parley.show.max-wait-s", Integer.class)
                .orElse(900)));
    }

    public String offAir() {
        return text("parley.show.off-air", DEFAULT_OFF_AIR);
    }

    public String queueFull() {
        return text("parley.show.queue-full", DEFAULT_QUEUE_FULL);
    }

    public String longWait() {
        return text("parley.show.long-wait", DEFAULT_LONG_WAIT);
    }

    public String voicemailPrompt() {
        return text("parley.show.voicemail.prompt", DEFAULT_VOICEMAIL);
    }

    public String voicemailThanks() {
        return text("parley.show.voicemail.thanks", DEFAULT_THANKS);
    }

    /** The longest message recorded. */
    public Duration voicemailMax() {
        return Duration.ofSeconds(Math.max(5, config.getOptionalValue("parley.show.voicemail.max-s", Integer.class)
                .orElse(120)));
    }

    /** Silence after speech that ends a message. */
    public Duration voicemailSilence() {
        return Duration.ofMillis(Math.max(500, config.getOptionalValue("parley.show.voicemail.silence-ms",
                Integer.class).orElse(4000)));
    }

    public String backOnHold() {
        return text("parley.show.back-on-hold", DEFAULT_BACK_ON_HOLD);
    }

    public String goodbye() {
        return text("parley.show.goodbye", DEFAULT_GOODBYE);
    }

    public String hostGone() {
        return text("parley.show.host-gone", DEFAULT_HOST_GONE);
    }

    private String text(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(defaultValue);
    }
}
