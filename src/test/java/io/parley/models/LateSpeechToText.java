package io.parley.models;

import io.parley.audio.Pcm16;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A speech-to-text engine for tests that answers late, as a remote one does: no partial text, a settle at a pause
 * that never answers (so a turn is committed after the long pause and transcribed whole), and each utterance's
 * transcript ("words 1", "words 2", …) a set time after it is finished, on a thread of its own.
 */
public final class LateSpeechToText implements SpeechToText, AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final long latencyMillis;
    private final List<Heard> utterances = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public LateSpeechToText(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    /** From now on, every transcription fails (as an HTTP 503 would). */
    public void fail() {
        failing = true;
    }

    /** The utterances begun so far, in order. */
    public List<Heard> utterances() {
        return utterances;
    }

    /** Waits until every transcription asked for so far has answered. */
    public void drain() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the engine did not answer");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    @Override
    public String describe() {
        return "late (" + latencyMillis + " ms)";
    }

    @Override
    public Utterance begin() {
        Heard heard = new Heard(utterances.size() + 1);
        utterances.add(heard);
        return heard;
    }

    /** One utterance: how much audio it was given, and what became of it. */
    public final class Heard implements Utterance {
        private final int number;
        private volatile long samples;
        private volatile boolean finished;
        private volatile boolean closed;

        Heard(int number) {
            this.number = number;
        }

        /** Milliseconds of 8 kHz audio accepted. */
        public long millis() {
            return samples / 8;
        }

        /** Whether it was asked for its transcript. */
        public boolean finished() {
            return finished;
        }

        /** Whether it was closed (its recogniser freed). */
        public boolean closed() {
            return closed;
        }

        @Override
        public void accept(Pcm16 audio) {
            samples += audio.sampleCount() * 8000L / audio.sampleRate();
        }

        @Override
        public Optional<String> partial() {
            return Optional.empty();
        }

        @Override
        public CompletionStage<String> settle() {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<String> finish() {
            finished = true;
            CompletableFuture<String> text = new CompletableFuture<>();
            thread.schedule(() -> {
                if (failing) {
                    text.completeExceptionally(new IllegalStateException("HTTP 503"));
                } else {
                    text.complete("words " + number);
                }
            }, latencyMillis, TimeUnit.MILLISECONDS);
            return text;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
