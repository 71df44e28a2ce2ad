package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * The mood of a person's turn. With a language model that understands text it is asked in JSON mode
 * ({@code {"mood": …}}) and believed when it names one of the {@link Mood moods}; otherwise, or when it fails, the
 * {@link MoodLexicon} decides. Never fails.
 */
final class MoodReader {

    static final String PROMPT = "You label the mood of one turn of a live radio show. Answer with only a JSON object:"
            + " {\"mood\": one of " + Mood.choices() + "}.";
    private static final Logger LOG = Logger.getLogger(MoodReader.class.getName());

    private MoodReader() {
    }

    /** The mood of {@code text}, said by {@code speaker}; completes on the model's thread. */
    static CompletionStage<Mood> read(LanguageModel model, String speaker, String text) {
        Mood fallback = MoodLexicon.read(text);
        if (!model.understands()) {
            return CompletableFuture.completedFuture(fallback);
        }
        CompletableFuture<Mood> mood = new CompletableFuture<>();
        try {
            model.structured(List.of(ChatMessage.system(PROMPT), ChatMessage.user(speaker + ": " + text)))
                    .whenComplete((json, error) -> {
                        if (error != null) {
                            LOG.fine(() -> "The mood model failed (" + error + "); the lexicon reads it");
                            mood.complete(fallback);
                            return;
                        }
                        mood.complete(ModelJson.object(json).map(o -> o.getString("mood", null)).flatMap(Mood::of)
                                .orElseGet(() -> {
                                    LOG.fine(() -> "The mood model answered " + LogSafe.quoted(json)
                                            + "; the lexicon reads it");
                                    return fallback;
                                }));
                    });
        } catch (RuntimeException e) {
            mood.complete(fallback);
        }
        return mood;
    }
}
