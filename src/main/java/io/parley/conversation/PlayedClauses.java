package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.media.OutboundAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What of one reply has gone to the caller, clause by clause, and what Twilio's marks say was heard: the texts
 * of the heard clauses (for the history), the audio of those not yet confirmed (to play again after a false
 * alarm), and, after a {@code clear}, how much of the first unconfirmed clause had played. On the call's
 * executor, like its {@link Reply}.
 */
final class PlayedClauses {

    /** The text of the apology's clause: spoken, but not part of what the model said. */
    static final String APOLOGY = "(apology)";
    /** On resuming, the audio replayed from before the point of the pause, so the cut syllable is heard whole. */
    static final int REWIND_SAMPLES = 200 * Pcm16.RATE_8K / 1000;

    private static final class Clause {
        final String text;
        final String mark;
        final int samples;
        List<Pcm16> audio;

        Clause(String text, String mark, List<Pcm16> audio, int samples) {
            this.text = text;
            this.mark = mark;
            this.audio = audio;
            this.samples = samples;
        }
    }

    private final List<Clause> clauses = new ArrayList<>();
    private List<Pcm16> current = new ArrayList<>();
    private int currentSamples;
    private int heard;
    /** After a cut: the whole words of the first unconfirmed clause that had played. */
    private String partlyHeard = "";
    /** After a cut: how much of the first unconfirmed clause's audio had played. */
    private int cutSamples;

    /** Audio of the clause under way went to the caller. */
    void played(Pcm16 audio) {
        current.add(audio);
        currentSamples += audio.sampleCount();
    }

    /** The clause under way is complete; {@code mark} follows its audio. */
    void marked(String text, String mark) {
        clauses.add(new Clause(text, mark, current, currentSamples));
        current = new ArrayList<>();
        currentSamples = 0;
    }

    /** Twilio echoed {@code mark}: every clause up to it was heard (their audio is let go). */
    boolean heard(String mark) {
        for (int i = heard; i < clauses.size(); i++) {
            if (clauses.get(i).mark.equals(mark)) {
                for (int j = heard; j <= i; j++) {
                    clauses.get(j).audio = List.of();
                }
                heard = i + 1;
                return true;
            }
        }
        return false;
    }

    /** Whether every clause played has been confirmed heard. */
    boolean allHeard() {
        return current.isEmpty() && heard == clauses.size();
    }

    /**
     * The caller's audio was cleared: estimates how much of the first unconfirmed clause they heard, from the
     * clear's playback figures. For a clause still under way, {@code pendingSamples} is its audio not yet played
     * and {@code pendingText} its text.
     */
    void cut(OutboundAudio.ClearReport report, int pendingSamples, String pendingText) {
        partlyHeard = "";
        cutSamples = 0;
        String text;
        int samples;
        String mark;
        if (heard < clauses.size()) {
            Clause clause = clauses.get(heard);
            text = clause.text;
            samples = clause.samples;
            mark = clause.mark;
        } else if (currentSamples > 0) {
            text = pendingText;
            samples = currentSamples + pendingSamples;
            mark = null; // its segment has no mark yet: the open one
        } else {
            return;
        }
        for (OutboundAudio.SegmentReport segment : report.segments()) {
            if (mark == null ? segment.label() == null : mark.equals(segment.mark())) {
                cutSamples = segment.framesHeard() * OutboundAudio.FRAME_SAMPLES;
                if (text != null && !APOLOGY.equals(text)) {
                    double frames = Math.max(1, samples / (double) OutboundAudio.FRAME_SAMPLES);
                    partlyHeard = wordsHeard(text, segment.framesHeard() / frames);
                }
                return;
            }
        }
    }

    /**
     * The audio to play again after a false alarm, in order, from {@link #REWIND_SAMPLES} before the cut: the
     * unconfirmed clauses' audio, each followed by its text (where its mark goes), then the clause under way.
     * They are forgotten here; playing them records them again.
     */
    void replay(Consumer<Pcm16> audio, Consumer<String> clauseEnd) {
        int skip = Math.max(0, cutSamples - REWIND_SAMPLES);
        List<Clause> unheard = clauses.subList(heard, clauses.size());
        for (Clause clause : unheard) {
            skip(clause.audio, skip).forEach(audio);
            clauseEnd.accept(clause.text);
            skip = 0;
        }
        skip(current, skip).forEach(audio);
        unheard.clear();
        current = new ArrayList<>();
        currentSamples = 0;
        partlyHeard = "";
        cutSamples = 0;
    }

    /** The heard clauses' text, and after a cut the words heard of the next one. */
    String heardText() {
        List<String> parts = new ArrayList<>();
        for (Clause clause : clauses.subList(0, heard)) {
            if (!APOLOGY.equals(clause.text)) {
                parts.add(clause.text);
            }
        }
        if (!partlyHeard.isEmpty()) {
            parts.add(partlyHeard);
        }
        return String.join(" ", parts);
    }

    /**
     * The words of {@code text} spoken in the first {@code fraction} of its audio, assuming an even pace: whole
     * words only, so a word cut in the middle counts as not heard.
     */
    static String wordsHeard(String text, double fraction) {
        if (fraction >= 1) {
            return text.strip();
        }
        int chars = (int) Math.floor(Math.max(0, fraction) * text.length());
        int end = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean wordEnds = !Character.isWhitespace(text.charAt(i))
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
            if (wordEnds) {
                if (i + 1 > chars) {
                    break;
                }
                end = i + 1;
            }
        }
        return text.substring(0, end).strip();
    }

    /** The audio after its first {@code samples}. */
    private static List<Pcm16> skip(List<Pcm16> audio, int samples) {
        List<Pcm16> rest = new ArrayList<>();
        int toSkip = samples;
        for (Pcm16 chunk : audio) {
            if (toSkip >= chunk.sampleCount()) {
                toSkip -= chunk.sampleCount();
            } else if (toSkip > 0) {
                rest.add(new Pcm16(chunk.sampleRate(), Arrays.copyOfRange(chunk.samples(), toSkip, chunk.sampleCount())));
                toSkip = 0;
            } else {
                rest.add(chunk);
            }
        }
        return rest;
    }
}
