package io.parley.models;

import io.parley.audio.Pcm16;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Speech from text. Audio is handed over in chunks as it is produced (a remote server streams it; the
 * embedded voice produces it a sentence at a time), at the engine's own rate, which the chunks carry.
 */
public interface TextToSpeech {

    /** For logs and health data, e.g. "embedded FreeTTS kevin16". */
    String describe();

    /**
     * The same engine speaking with another voice: {@code remoteVoice} on a speech server, {@code embeddedVoice} for
     * the embedded synthesiser (see {@code FreeTtsSpeech#VOICES_BY_NAME}). An engine with one voice returns itself.
     */
    default TextToSpeech voice(String remoteVoice, String embeddedVoice) {
        return this;
    }

    /** Synthesises {@code text}; {@code audio} is called for each chunk, in order, on some other thread. */
    Synthesis speak(String text, Consumer<Pcm16> audio);

    /** A synthesis under way. */
    interface Synthesis {

        /** Completes after the last chunk, or exceptionally when the engine failed. */
        CompletionStage<Void> done();

        /** Stops producing audio (barge-in); {@link #done()} then completes without further chunks. */
        void cancel();

        /** A synthesis made of its completion and what cancels it. */
        static Synthesis of(CompletionStage<Void> done, Runnable cancel) {
            return new Synthesis() {
                @Override
                public CompletionStage<Void> done() {
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
