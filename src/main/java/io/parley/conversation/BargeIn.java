package io.parley.conversation;

import java.util.Locale;

/**
 * Decides whether the caller's speech over the agent's reply is an interruption. The reply is paused (the
 * caller's audio cleared) the moment the voice activity detector hears speech, so the caller is never talked
 * over; the agent yields (stops the models, keeps only what was heard) only once the speech has lasted
 * {@code minSpeechMillis} and, if {@code minWords} is set, the transcript has that many words. Shorter speech,
 * or speech without enough words (a cough, a door, "mm-hmm" with {@code minWords} 2), is a false alarm and the
 * reply resumes.
 *
 * <p>Stream time, no timers; one per call, on the call's executor.
 */
public final class BargeIn {

    /** The thresholds (README: {@code parley.barge-in.*}). */
    public record Settings(int minSpeechMillis, int minWords) {
        public static Settings defaults() {
            return new Settings(300, 0);
        }
    }

    /** What to do with the paused reply. */
    public enum Verdict {
        /** Not known yet: keep the reply paused. */
        UNDECIDED,
        /** A real interruption: the reply stops, the caller's turn goes on. */
        YIELD,
        /** A false alarm: the reply goes on. */
        RESUME
    }

    private final Settings settings;
    private long onsetMillis = -1;

    public BargeIn(Settings settings) {
        this.settings = settings;
    }

    /** The caller started speaking over the reply, at stream time {@code atMillis}. */
    public void onset(long atMillis) {
        onsetMillis = atMillis;
    }

    /** Whether the reply is paused waiting for a verdict. */
    public boolean pending() {
        return onsetMillis >= 0;
    }

    /** Forgets the pending interruption (decided, or the reply is gone). */
    public void reset() {
        onsetMillis = -1;
    }

    /** The caller is still speaking at {@code nowMillis}; {@code partial} is the transcript so far, if any. */
    public Verdict speaking(long nowMillis, String partial) {
        if (!pending() || nowMillis - onsetMillis < settings.minSpeechMillis()) {
            return Verdict.UNDECIDED;
        }
        return settings.minWords() == 0 || words(partial) >= settings.minWords() ? Verdict.YIELD : Verdict.UNDECIDED;
    }

    /** The caller paused; their speech ended at {@code speechEndMillis}. */
    public Verdict paused(long speechEndMillis) {
        if (!pending()) {
            return Verdict.UNDECIDED;
        }
        if (speechEndMillis - onsetMillis < settings.minSpeechMillis()) {
            return Verdict.RESUME;
        }
        return settings.minWords() == 0 ? Verdict.YIELD : Verdict.UNDECIDED;
    }

    /**
     * The transcript of the speech up to the pause is known ({@code null} when transcription failed: then the
     * speech's length decides, as the caller may well have said something).
     */
    public Verdict transcribed(long speechEndMillis, String transcript) {
        if (!pending()) {
            return Verdict.UNDECIDED;
        }
        if (speechEndMillis - onsetMillis < settings.minSpeechMillis()) {
            return Verdict.RESUME;
        }
        return transcript == null || words(transcript) >= settings.minWords() ? Verdict.YIELD : Verdict.RESUME;
    }

    static int words(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
            if (token.chars().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }
}
