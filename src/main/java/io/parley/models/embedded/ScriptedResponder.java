package io.parley.models.embedded;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The embedded stand-in for a language model: a few scripted answers, so that Parley runs as a voice agent
 * with no model server. It greets, tells the time and the date, repeats what it heard, explains itself and says
 * goodbye; anything else it echoes back with a hint. It is not a language model and says so in its
 * {@link #describe() description}, which the logs and health data show.
 */
public final class ScriptedResponder implements LanguageModel {

    private static final Pattern GOODBYE = Pattern.compile("\\b(good ?bye|bye|that's all|that is all|hang up)\\b");
    private static final Pattern GREETING = Pattern.compile("^(hello|hi|hey|good (morning|afternoon|evening))\\b");
    private static final Pattern TIME = Pattern.compile("\\b(time|clock)\\b");
    private static final Pattern DATE = Pattern.compile("\\b(date|day|today)\\b");
    private static final Pattern REPEAT = Pattern.compile("\\b(repeat|what did i say|say that again)\\b");
    private static final Pattern WHO = Pattern.compile("\\b(who|what) are you\\b");

    private final Executor executor;
    private final Clock clock;

    public ScriptedResponder(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "embedded scripted responder (not a language model: time, date, repeat, goodbye)";
    }

    @Override
    public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
        String answer = answer(conversation);
        CompletableFuture<String> done = new CompletableFuture<>();
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        executor.execute(() -> {
            // Streamed word by word, as a model would, so the agent's clause chunking works the same way.
            String[] words = answer.split("(?<= )");
            for (String word : words) {
                if (cancelled.get()) {
                    break;
                }
                text.accept(word);
            }
            done.complete(answer);
        });
        return Reply.of(done, () -> cancelled.set(true));
    }

    /**
     * What to answer in a message: the message itself, or, for a conversation of several speakers (lines of "who:
     * what", as a studio's), the last thing said, without its speaker or a bracketed stage note.
     */
    static String lastLine(String message) {
        String[] lines = message.strip().split("\n");
        if (lines.length < 2) {
            return message.strip();
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.isEmpty() || (line.startsWith("(") && line.endsWith(")"))) {
                continue;
            }
            int colon = line.indexOf(": ");
            return colon > 0 && colon < 40 ? line.substring(colon + 2).strip() : line;
        }
        return "";
    }

    String answer(List<ChatMessage> conversation) {
        List<String> said = conversation.stream().filter(m -> m.role() == ChatMessage.Role.USER)
                .map(ChatMessage::content).toList();
        String last = said.isEmpty() ? "" : lastLine(said.get(said.size() - 1));
        var keys = said.isEmpty() ? java.util.Optional.<String>empty()
                : ChatMessage.user(last).keypadDigits();
        if (keys.isPresent()) {
            return "You pressed " + String.join(" ", keys.get().replace("#", " pound").replace("*", " star").strip()
                    .split("(?<=\\d)(?=\\d)| ")) + ".";
        }
        String heard = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").replaceAll("\\s+", " ").strip();
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (heard.isEmpty()) {
            return "Sorry, I didn't catch that. Could you say it again?";
        }
        if (GOODBYE.matcher(heard).find()) {
            return "Goodbye, and thanks for calling.";
        }
        if (REPEAT.matcher(heard).find()) {
            return said.size() < 2 ? "You haven't said anything else yet."
                    : "You said: " + said.get(said.size() - 2).strip() + ".";
        }
        if (TIME.matcher(heard).find()) {
            return "It's " + now.format(DateTimeFormatter.ofPattern("h:mm a", Locale.US)) + ".";
        }
        if (DATE.matcher(heard).find()) {
            return "Today is " + now.format(DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US)) + ".";
        }
        if (WHO.matcher(heard).find()) {
            return "I'm Parley's scripted demo responder. Connect a language model server, and I can really talk.";
        }
        if (GREETING.matcher(heard).find()) {
            return "Hello! Ask me the time or the date, or say goodbye.";
        }
        return "I heard you say: " + last + ". I'm only a scripted demo, so ask me the time, or say goodbye.";
    }
}
