package io.parley.studio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** The AI voices' settings in the studio: the {@code parley.show.ai.*} keys (README, "AI on air"). */
@ApplicationScoped
public class StudioSettings {

    public static final String CONTEXT_TURNS = "parley.show.ai.context-turns";
    public static final String PAUSE = "parley.show.ai.pause-ms";
    public static final String COOLDOWN = "parley.show.ai.cooldown-s";
    public static final String MODE = "parley.show.ai.mode";
    public static final String FOLLOW_UP_AUTO = "parley.show.ai.followup-auto";
    public static final String FOLLOW_UP_DELAY = "parley.show.ai.followup-delay-s";
    /** The longest delay auto follow-up takes, in seconds. */
    public static final long MAX_FOLLOW_UP_DELAY_S = 3600;

    private Config config;

    protected StudioSettings() {
        // for the CDI proxy
    }

    @Inject
    public StudioSettings(Config config) {
        this.config = config;
    }

    /** How many of the latest studio turns a persona's request carries. */
    public int contextTurns() {
        int turns = config.getOptionalValue(CONTEXT_TURNS, Integer.class).orElse(40);
        if (turns < 2 || turns > 500) {
            throw new IllegalArgumentException(CONTEXT_TURNS + " is " + turns + ": it takes 2 to 500");
        }
        return turns;
    }

    /** In auto mode, how long the people in the studio must have paused before a persona considers speaking. */
    public long pauseMillis() {
        long pause = config.getOptionalValue(PAUSE, Long.class).orElse(1200L);
        if (pause < 200 || pause > 60_000) {
            throw new IllegalArgumentException(PAUSE + " is " + pause + ": it takes 200 to 60000 (ms)");
        }
        return pause;
    }

    /** In auto mode, how long after an AI turn ends before any persona may speak again by itself. */
    public long cooldownMillis() {
        long seconds = config.getOptionalValue(COOLDOWN, Long.class).orElse(20L);
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException(COOLDOWN + " is " + seconds + ": it takes 0 to 3600 (s)");
        }
        return seconds * 1000;
    }

    /** Whether the studio starts in auto mode ({@code PUT /api/show/ai/mode} changes it while running). */
    public boolean autoAtStart() {
        String mode = config.getOptionalValue(MODE, String.class).orElse("manual").strip();
        return switch (mode) {
            case "manual" -> false;
            case "auto" -> true;
            default -> throw new IllegalArgumentException(MODE + " is \"" + mode + "\": it takes manual or auto");
        };
    }

    /** Whether an AI caller phones in by itself after each caller's segment ({@code PUT /api/show/followup}). */
    public boolean followUpAuto() {
        return config.getOptionalValue(FOLLOW_UP_AUTO, Boolean.class).orElse(false);
    }

    /** How long after a caller leaves the air an automatic follow-up comes. */
    public long followUpDelayMillis() {
        long seconds = config.getOptionalValue(FOLLOW_UP_DELAY, Long.class).orElse(20L);
        if (seconds < 0 || seconds > MAX_FOLLOW_UP_DELAY_S) {
            throw new IllegalArgumentException(FOLLOW_UP_DELAY + " is " + seconds + ": it takes 0 to "
                    + MAX_FOLLOW_UP_DELAY_S + " (s)");
        }
        return seconds * 1000;
    }
}
