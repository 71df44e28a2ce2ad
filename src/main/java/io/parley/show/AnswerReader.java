package io.parley.show;

import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Reads a name and a topic from what the caller said to the screener. With a language model that understands
 * text, it asks for a JSON object ({@code {"name": …, "topic": …}}) and believes it, nulls included; an answer
 * that fails, or is not that object, falls back to {@link AnswerPatterns}, so a model fault never stalls the
 * screening. Without such a model, patterns only.
 */
final class AnswerReader {

    static final String PROMPT = "You screen callers for a live radio call-in show. From the caller's words below,"
            + " give the caller's first name and what they want to talk about on the show. Answer with only a JSON"
            + " object: {\"name\": the name or null, \"topic\": the topic in at most ten words, or null}. Use null"
            + " for anything the caller has not said.";

    private static final Logger LOG = Logger.getLogger(AnswerReader.class.getName());

    private final LanguageModel model;

    AnswerReader(LanguageModel model) {
        this.model = model;
    }

    /** Whether answers come from the language model (else from patterns). */
    boolean usesModel() {
        return model.understands();
    }

    /**
     * The answers in everything the caller has said ({@code callerTurns}, the last being the answer to the question
     * about {@code askedFor}). Completes on the model's thread, never exceptionally.
     */
    CompletionStage<ScreeningAnswers> read(List<String> callerTurns, String askedFor, String who) {
        ScreeningAnswers heard = AnswerPatterns.read(callerTurns, callerTurns.get(callerTurns.size() - 1), askedFor);
        if (!model.understands()) {
            return CompletableFuture.completedFuture(heard);
        }
        List<ChatMessage> question = new ArrayList<>();
        question.add(ChatMessage.system(PROMPT));
        question.add(ChatMessage.user("The screener asked for the caller's " + askedFor + ". The caller said:\n"
                + String.join("\n", callerTurns)));
        CompletableFuture<ScreeningAnswers> answers = new CompletableFuture<>();
        try {
            model.structured(question).whenComplete((json, error) -> {
                if (error != null) {
                    LOG.warning(() -> who + ": the screener's model failed (" + error + "); reading the answer by"
                            + " its words instead");
                    answers.complete(heard);
                    return;
                }
                Optional<ScreeningAnswers> parsed = parse(json);
                if (parsed.isEmpty()) {
                    LOG.warning(() -> who + ": the screener's model answered " + LogSafe.quoted(json)
                            + ", not a JSON object with name and topic; reading the answer by its words instead");
                }
                // A model that read the words and found no topic is believed over a pattern's guess.
                answers.complete(parsed.orElse(heard));
            });
        } catch (RuntimeException e) {
            answers.complete(heard);
        }
        return answers;
    }

    /** The name and topic in a model's JSON answer; empty when it is not such an object. */
    static Optional<ScreeningAnswers> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        String text = json.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(text.substring(start, end + 1)))) {
            JsonObject object = reader.readObject();
            if (!object.containsKey("name") && !object.containsKey("topic")) {
                return Optional.empty();
            }
            return Optional.of(new ScreeningAnswers(string(object, "name"), string(object, "topic")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonString s && !"null".equalsIgnoreCase(s.getString().strip())) {
            return Optional.of(s.getString());
        }
        return Optional.empty();
    }
}
