package io.parley.conversation;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides when the caller's turn is over. Two demands pull apart: answer within about 300 ms of the caller's
 * last word, and never cut them off in a natural pause of two or three seconds. The policy:
 *
 * <ul>
 * <li>the voice activity detector reports the end of speech after a short silence (its minimum silence);</li>
 * <li>if the transcript so far reads as finished, the turn is committed {@code finishedPauseMillis} after the
 *     end of speech;</li>
 * <li>if it reads as unfinished (empty, or ending in a word that needs more: "and", "so", "the", "um", "to",
 *     "because", ...), the detector waits {@code unfinishedPauseMillis} instead;</li>
 * <li>speech before the deadline resumes the turn: the pause is forgotten, and work started on it must be
 *     discarded ({@link TurnEvent.Resumed}).</li>
 * </ul>
 *
 * Time is stream time, advanced by {@link #advance} as the caller's audio arrives, so the detector is
 * deterministic and needs no timer. One per call, on the call's executor.
 */
public final class TurnDetector {

    /** Words after which a sentence is not over. Lower case, no punctuation. */
    public static final Set<String> UNFINISHED_WORDS = Set.of(
            // conjunctions
            "and", "or", "but", "so", "because", "if", "than", "as", "nor",
            // articles and possessives
            "the", "a", "an", "my", "your", "our", "their",
            // prepositions that cannot end a clause
            "to", "of", "for", "with", "in", "on", "at", "from", "by", "about", "into", "onto",
            // the speaker who has not said what "I" does yet, and the fillers of someone still thinking
            "i", "um", "uh", "er", "erm", "hmm", "very");

    /** The pauses the policy waits (README: {@code parley.turn.*}). */
    public record Settings(int finishedPauseMillis, int unfinishedPauseMillis) {
        public static Settings defaults() {
            return new Settings(200, 3000);
        }
    }

    private enum State { IDLE, SPEAKING, PAUSED }

    private final Settings settings;
    private final Consumer<TurnEvent> events;
    private State state = State.IDLE;
    private String transcript = "";
    private long speechEnd;
    private long commitAt;

    public TurnDetector(Settings settings, Consumer<TurnEvent> events) {
        this.settings = settings;
        this.events = events;
    }

    /** What the voice activity detector noticed. */
    public void onVad(VadEvent event) {
        if (event instanceof VadEvent.SpeechStarted started) {
            if (state == State.PAUSED) {
                state = State.SPEAKING;
                events.accept(new TurnEvent.Resumed(started.atMillis()));
            } else if (state == State.IDLE) {
                state = State.SPEAKING;
                events.accept(new TurnEvent.Started(started.atMillis()));
            }
        } else if (event instanceof VadEvent.SpeechStopped stopped && state == State.SPEAKING) {
            state = State.PAUSED;
            speechEnd = stopped.atMillis();
            commitAt = speechEnd + (readsFinished(transcript) ? settings.finishedPauseMillis()
                    : settings.unfinishedPauseMillis());
            events.accept(new TurnEvent.Paused(speechEnd, transcript, commitAt));
            advance(stopped.noticedAtMillis());
        }
    }

    /** The transcript of the current turn so far (streaming STT); may move a pending commit earlier or later. */
    public void onTranscript(String soFar) {
        transcript = soFar == null ? "" : soFar.strip();
        if (state == State.PAUSED) {
            commitAt = speechEnd + (readsFinished(transcript) ? settings.finishedPauseMillis()
                    : settings.unfinishedPauseMillis());
        }
    }

    /** Stream time has reached {@code nowMillis}; commits the turn if its deadline has passed. */
    public void advance(long nowMillis) {
        if (state == State.PAUSED && nowMillis >= commitAt) {
            state = State.IDLE;
            String text = transcript;
            transcript = "";
            events.accept(new TurnEvent.Committed(speechEnd, nowMillis, text));
        }
    }

    /** Forgets the turn under way without committing it (it was noise, not a turn). */
    public void reset() {
        state = State.IDLE;
        transcript = "";
    }

    /** Whether a transcript sounds like a complete utterance (the policy's only language knowledge). */
    public static boolean readsFinished(String transcript) {
        String text = transcript.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").strip();
        if (text.isEmpty()) {
            return false;
        }
        String[] words = text.split("\\s+");
        return !UNFINISHED_WORDS.contains(words[words.length - 1]);
    }
}
