package io.parley.studio;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One line, said as if a model streamed it word by word: what an AI caller opens a follow-up with when the embedded
 * responder (which only echoes the last thing said) stands in for a language model.
 */
final class ScriptedLine implements LanguageModel {

    private final String line;
    private final Executor executor;

    ScriptedLine(String line, Executor executor) {
        this.line = line;
        this.executor = executor;
    }

    /** "Hi, it's Dot. I was listening when Kate called about music, and I wanted to add something to that." */
    static String followUp(String persona, Segment segment) {
        return "Hi, it's " + persona + ". I was listening when " + segment.caller() + " called"
                + (segment.topic().isBlank() ? "" : " about " + segment.topic())
                + ", and I wanted to add something to that.";
    }

    @Override
    public String describe() {
        return "a scripted line";
    }

    @Override
    public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
        CompletableFuture<String> done = new CompletableFuture<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        executor.execute(() -> {
            for (String word : line.split("(?<= )")) {
                if (cancelled.get()) {
                    break;
                }
                text.accept(word);
            }
            done.complete(line);
        });
        return Reply.of(done, () -> cancelled.set(true));
    }
}
