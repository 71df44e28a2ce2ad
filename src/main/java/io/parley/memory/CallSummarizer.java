package io.parley.memory;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call's notes. With a language model server, the model writes them from the transcript (and says the caller's
 * name if they gave it); with the embedded models, or when the model fails, the summary is the caller's own words,
 * quoted, and the name is found by {@link NamePatterns}. Nothing here is invented.
 */
final class CallSummarizer {


    private static final Pattern NAME_LINE = Pattern.compile("(?im)^\\s*name:\\s*(.+?)\\s*$");
    private static final Pattern SUMMARY_LINE = Pattern.compile("(?is)^.*?summary:\\s*(.+?)\\s*$");
    private static final int QUOTE_CHARS = 400;

    private CallSummarizer() {
    }

    /**
     * The notes of a call in which the caller spoke, or empty when they said nothing. Completes when the model
     * has answered or failed (the model calls' fault tolerance bounds how long); no thread waits meanwhile.
     */
    static CompletionStage<Optional<CallNotes>> notes(CallRecord call, Optional<LanguageModel> model) {
        List<String> said = call.turns().stream().filter(t -> ConversationTurn.CALLER.equals(t.speaker()))
                .map(ConversationTurn::text).filter(t -> t != null && !t.isBlank()).toList();
        if (said.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<String> heardName = NamePatterns.find(said);
        CallNotes ownWords = new CallNotes(quote(said), heardName);
        if (model.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(ownWords));
        }
        CompletableFuture<String> answer;
        try {
            answer = model.get().background(List.of(ChatMessage.system(PostCallNotes.PROMPT),
                    ChatMessage.user(transcript(call)))).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // whatever the model does, the caller's own words stand in for its notes; how long it may take is the
        // model calls' fault tolerance (a timeout on every chat request), so no timer of its own is started
        return answer.handle((text, error) -> Optional.of(error == null ? fromModel(text, heardName) : ownWords));
    }

    /** The model's two lines; anything else it says is taken whole as the summary. */
    static CallNotes fromModel(String answer, Optional<String> heardName) {
        Matcher name = NAME_LINE.matcher(answer);
        Optional<String> modelName = name.find() ? Optional.of(name.group(1).replaceAll("[.\"*]", "").strip())
                .filter(n -> !n.isBlank() && !n.toLowerCase(Locale.ROOT).startsWith("unknown") && n.length() <= 100)
                : Optional.empty();
        Matcher summary = SUMMARY_LINE.matcher(answer.strip());
        String text = summary.find() ? summary.group(1) : answer;
        return new CallNotes(text.replaceAll("\\s+", " "), modelName.or(() -> heardName));
    }

    static String quote(List<String> said) {
        String words = String.join(" / ", said);
        if (words.length() > QUOTE_CHARS) {
            words = words.substring(0, QUOTE_CHARS).strip() + "…";
        }
        return "The caller said: \"" + words + "\"";
    }

    static String transcript(CallRecord call) {
        StringBuilder out = new StringBuilder();
        for (ConversationTurn turn : call.turns()) {
            if (turn.text() != null && !turn.text().isBlank()) {
                out.append(ConversationTurn.AGENT.equals(turn.speaker()) ? "Agent: " : "Caller: ")
                        .append(turn.text().strip()).append('\n');
            }
        }
        return out.toString();
    }
}
