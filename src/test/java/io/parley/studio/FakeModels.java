package io.parley.studio;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Language models for the studio's unit tests: each records what it was asked and answers as told. */
final class FakeModels {

    private FakeModels() {
    }

    /** Like the embedded responder: it does not understand, so nothing asks it a question. */
    static LanguageModel embedded() {
        return new LanguageModel() {
            @Override
            public String describe() {
                return "embedded";
            }

            @Override
            public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
                throw new AssertionError("the embedded responder is not asked");
            }
        };
    }

    /** A model that understands, answering every structured question with {@code answer} (null: it fails). */
    static LanguageModel answering(String answer, List<List<ChatMessage>> asked) {
        return understanding(answer, asked, true);
    }

    /** A model that understands, answering every background request with {@code answer} (null: it fails). */
    static LanguageModel writing(String answer, List<List<ChatMessage>> asked) {
        return understanding(answer, asked, false);
    }

    private static LanguageModel understanding(String answer, List<List<ChatMessage>> asked, boolean structured) {
        return new LanguageModel() {
            @Override
            public String describe() {
                return "fake";
            }

            @Override
            public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean understands() {
                return true;
            }

            @Override
            public CompletionStage<String> structured(List<ChatMessage> conversation) {
                return structured ? answer(conversation) : LanguageModel.super.structured(conversation);
            }

            @Override
            public CompletionStage<String> background(List<ChatMessage> conversation) {
                return structured ? LanguageModel.super.background(conversation) : answer(conversation);
            }

            private CompletionStage<String> answer(List<ChatMessage> conversation) {
                asked.add(conversation);
                return answer == null ? CompletableFuture.failedFuture(new IllegalStateException("HTTP 503"))
                        : CompletableFuture.completedFuture(answer);
            }
        };
    }
}
