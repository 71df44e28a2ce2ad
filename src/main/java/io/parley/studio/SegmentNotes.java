package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * The summary of a caller's time on air, written when they leave it. A language model that understands text writes
 * it from the segment's labelled transcript (everybody's turns, the host's and the personas' too); without one, or
 * when it fails or answers nothing usable, the summary is the caller's own words, quoted. Nothing is invented.
 */
final class SegmentNotes {

    /** What the model is asked; the segment's transcript is the user's message. */
    static final String PROMPT = "You keep the running notes of a live call-in radio show. A caller has just left"
            + " the air. From the transcript of their time on air, each line starting with who said it, write one or"
            + " two sentences in the past tense: who called, what about, and what they and the studio said. Only"
            + " the sentences, nothing else.";
    /** The longest summary kept, in characters: a model that rambles is cut here. */
    static final int MAX_CHARS = 600;
    private static final int QUOTE_CHARS = 300;
    private static final Logger LOG = Logger.getLogger(SegmentNotes.class.getName());

    private SegmentNotes() {
    }

    /**
     * The summary of {@code caller}'s segment ({@code key} their speaker key) from its {@code turns}; completes on
     * the model's thread, or at once without a model. Never fails.
     */
    static CompletionStage<String> summary(LanguageModel model, String key, String caller, String topic,
                                           List<StudioTurn> turns) {
        String ownWords = ownWords(key, caller, topic, turns);
        if (!model.understands() || turns.isEmpty()) {
            return CompletableFuture.completedFuture(ownWords);
        }
        StringBuilder transcript = new StringBuilder();
        turns.forEach(t -> transcript.append(t.speaker().label()).append(": ").append(t.text())
                .append(t.interrupted() ? " —" : "").append('\n'));
        CompletableFuture<String> summary = new CompletableFuture<>();
        try {
            model.background(List.of(ChatMessage.system(PROMPT), ChatMessage.user("The caller: " + caller
                            + (topic == null || topic.isBlank() ? "" : ", on " + topic) + "\n\n"
                            + transcript.toString().strip())))
                    .whenComplete((text, error) -> {
                        String cleaned = error == null ? clean(text) : "";
                        if (cleaned.isEmpty()) {
                            LOG.fine(() -> "The summary of " + LogSafe.quoted(caller) + "'s segment is their own words"
                                    + (error == null ? " (the model answered nothing usable)" : ": " + error));
                        }
                        summary.complete(cleaned.isEmpty() ? ownWords : cleaned);
                    });
        } catch (RuntimeException e) {
            summary.complete(ownWords);
        }
        return summary;
    }

    /** The model's answer on one line, without a leading label, cut to {@link #MAX_CHARS}; empty if nothing is left. */
    static String clean(String answer) {
        if (answer == null) {
            return "";
        }
        String text = answer.replaceAll("\\s+", " ").strip().replaceFirst("(?i)^(summary|notes?)\\s*:\\s*", "");
        if (text.length() > MAX_CHARS) {
            int cut = text.lastIndexOf(' ', MAX_CHARS);
            text = text.substring(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS).strip() + "…";
        }
        return text;
    }

    /** "Kate called about music and said: "…"", from the caller's own turns. */
    static String ownWords(String key, String caller, String topic, List<StudioTurn> turns) {
        String about = caller + " called" + (topic == null || topic.isBlank() ? "" : " about " + topic);
        List<String> said = turns.stream().filter(t -> t.speaker().key().equals(key)).map(StudioTurn::text)
                .filter(t -> !t.isBlank()).toList();
        if (said.isEmpty()) {
            return about + " and was on air briefly without saying anything the studio heard.";
        }
        String words = String.join(" / ", said);
        if (words.length() > QUOTE_CHARS) {
            words = words.substring(0, QUOTE_CHARS).strip() + "…";
        }
        return about + " and said: \"" + words + "\"";
    }
}
