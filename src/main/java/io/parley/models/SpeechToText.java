package io.parley.models;

import io.parley.audio.Pcm16;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Text from the caller's speech, one utterance at a time. Audio is fed while the caller speaks, so an engine
 * that streams (the embedded one) has its transcript almost ready when the turn ends, and one that does not
 * (a remote server) gets the whole utterance at {@link Utterance#finish()}.
 */
public interface SpeechToText {

    /** For logs and health data, e.g. "embedded Vosk small en-us". */
    String describe();

    /**
     * Whether the engine streams: it has a partial transcript while the person speaks, and its transcript at a pause
     * is cheap. An engine that does not (a remote one) is asked to {@link Utterance#settle settle} at a pause.
     */
    default boolean streaming() {
        return false;
    }

    /** A new utterance. Not thread-safe: feed it from one thread (the call's executor). */
    Utterance begin();

    interface Utterance extends AutoCloseable {

        /** More of the caller's audio, at any rate: the engine converts it to what it needs. */
        void accept(Pcm16 audio);

        /** The engine's best guess so far, for engines that stream; empty otherwise. */
        Optional<String> partial();

        /**
         * The final transcript of everything accepted so far, while the utterance stays open: the caller may go
         * on, and later audio extends the transcript. This is the speculative transcription at a pause.
         */
        CompletionStage<String> settle();

        /** The final transcript of everything accepted (empty text for no speech). */
        CompletionStage<String> finish();

        /** Abandons the utterance (the caller went on, the call ended); frees what the engine holds. */
        @Override
        void close();

        /**
         * {@link #finish()}, and the utterance closed as soon as its text is in (or it failed), on the thread that
         * finished it: freed even when whoever asked has gone (a call that ended). Never throws.
         */
        default CompletableFuture<String> finishAndClose() {
            CompletableFuture<String> text = new CompletableFuture<>();
            try {
                finish().whenComplete((said, error) -> {
                    close();
                    if (error != null) {
                        text.completeExceptionally(error);
                    } else {
                        text.complete(said == null ? "" : said);
                    }
                });
            } catch (RuntimeException e) {
                close();
                text.completeExceptionally(e);
            }
            return text;
        }
    }
}
