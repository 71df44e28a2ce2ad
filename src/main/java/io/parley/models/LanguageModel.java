package io.parley.models;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The agent's thinking: a reply to the conversation so far, streamed as it is generated. */
public interface LanguageModel {

    /** For logs and health data, e.g. "embedded scripted responder (not a language model)". */
    String describe();

    /**
     * Starts a reply to {@code conversation} (system prompt first, then every turn in order). {@code text} gets
     * each piece of the reply as it is generated, in order, on some other thread.
     */
    Reply reply(List<ChatMessage> conversation, Consumer<String> text);

    /** The whole answer to {@code conversation}, for work off every call's path (post-call notes). */
    default CompletionStage<String> background(List<ChatMessage> conversation) {
        return reply(conversation, piece -> { }).done();
    }

    /**
     * Whether the model understands free text (a real language model), and so can answer {@link #structured}
     * questions; the embedded scripted responder does not.
     */
    default boolean understands() {
        return false;
    }

    /**
     * A JSON object answering {@code conversation} (whose messages say which fields), asked in the model's JSON
     * mode: for extracting facts from what a caller said during a call. Fails for a model that does not
     * {@link #understands understand}.
     */
    default CompletionStage<String> structured(List<ChatMessage> conversation) {
        return java.util.concurrent.CompletableFuture.failedStage(
                new UnsupportedOperationException(describe() + " answers no structured questions"));
    }

    /** A reply being generated. */
    interface Reply {

        /** Completes with the whole text after the last piece, or exceptionally when the model failed. */
        CompletionStage<String> done();

        /** Abandons the reply (the caller spoke); no further pieces are delivered and the stream is closed. */
        void cancel();

        /** A reply made of its completion and what cancels it. */
        static Reply of(CompletionStage<String> done, Runnable cancel) {
            return new Reply() {
                @Override
                public CompletionStage<String> done() {
                    return done;
                }

                @Override
                public void cancel() {
                    cancel.run();
                }
            };
        }
    }
}
