package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.models.Models;
import io.parley.models.SpeechToText;
import io.parley.models.embedded.SileroVad;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one person says, as text: voice activity, the end of each turn, and the turn's transcript, with partial
 * text while they speak. A caller on the show line has their own, and so has each person in the studio, so that
 * every turn has a speaker. Lives on one executor (a call's, the host's); transcripts come back to it.
 */
public final class Ears {

    /** Told on the ears' executor. */
    public interface Listener {
        /**
         * The person started speaking; {@code atMillis} is when, in the ears' stream time, and {@code nowMillis}
         * is the stream time of the audio that showed it.
         */
        default void started(long atMillis, long nowMillis) {
        }

        /** The person stopped speaking (the turn may go on after a pause). */
        default void stopped(long atMillis) {
        }

        /** The speech-to-text engine's guess at the turn so far (streaming engines only). */
        default void partial(String text) {
        }

        /** A whole turn, transcribed (possibly empty: a noise). */
        void said(String text);

        /** The transcription failed; the turn is lost. */
        default void failed(String why) {
        }
    }

    /** Audio kept from before the turn starts, so that its first word is not cut: 300 ms. */
    private static final int PRE_ROLL_FRAMES = 15;

    private final Supplier<SpeechToText> speechToText;
    private final Executor call;
    private final Listener listener;
    private final VoiceActivityDetector vad;
    private final TurnDetector turns;
    private final Deque<Pcm16> preRoll = new ArrayDeque<>();
    private SpeechToText.Utterance utterance;
    private String partial = "";
    private long streamMillis;
    private int generation;
    /** Pauses so far: a settled transcript counts only for the pause it was asked at. */
    private int pauses;
    /** The transcript of the turn up to the current pause, once settled; null otherwise. */
    private String settled;
    /** Committed turns being transcribed, oldest first. */
    private final List<CompletableFuture<String>> inFlight = new ArrayList<>();

    public Ears(Models models, ConversationSettings settings, Executor call, Listener listener) {
        this(models.vad().newStream(), settings.vad(), settings.turn(), models::speechToText, call, listener);
    }

    /**
     * @param speechToText the engine a turn is transcribed by, asked for as each turn starts
     */
    public Ears(SileroVad.Stream vad, VoiceActivityDetector.Settings vadSettings, TurnDetector.Settings turnSettings,
                Supplier<SpeechToText> speechToText, Executor call, Listener listener) {
        this.speechToText = speechToText;
        this.call = call;
        this.listener = listener;
        this.vad = new VoiceActivityDetector(vad, vadSettings, this::onVad);
        this.turns = new TurnDetector(turnSettings, this::onTurn);
    }

    /** The person's audio, 8 kHz, 20 ms at a time. */
    public void hear(Pcm16 audio) {
        streamMillis += audio.sampleCount() * 1000L / audio.sampleRate();
        if (utterance == null) {
            preRoll.add(audio);
            if (preRoll.size() > PRE_ROLL_FRAMES) {
                preRoll.poll();
            }
        } else {
            utterance.accept(audio);
            utterance.partial().ifPresent(text -> {
                if (!text.equals(partial) && !text.isBlank()) {
                    partial = text;
                    turns.onTranscript(text);
                    listener.partial(text);
                }
            });
        }
        vad.accept(audio);
        turns.advance(streamMillis);
    }

    /** Whether the person is speaking now. */
    public boolean speaking() {
        return vad.speaking();
    }

    /** Forgets the turn in progress (the person moved: on air, back on hold). */
    public void reset() {
        generation++;
        if (utterance != null) {
            utterance.close();
            utterance = null;
        }
        partial = "";
        settled = null;
        preRoll.clear();
    }

    /** The person is gone; a turn under way is dropped. */
    public void close() {
        reset();
    }

    /**
     * The person is gone (hung up, closed the console), perhaps in the middle of a sentence or just after one: their
     * last words are kept. A turn whose transcription is under way, and the turn they were speaking (if one had
     * started), are transcribed from what was heard and handed to {@code lastWords} in order, on whichever thread
     * finishes the transcriptions (the ears' executor may be gone by then). Nothing is handed over for a turn without
     * words, or one whose transcription failed.
     */
    public void close(Consumer<String> lastWords) {
        List<CompletableFuture<String>> words = new ArrayList<>(inFlight);
        inFlight.clear();
        if (utterance != null) {
            words.add(utterance.finishAndClose());
            utterance = null;
        }
        reset();
        if (words.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(words.toArray(CompletableFuture[]::new)).whenComplete((all, error) -> {
            for (CompletableFuture<String> turn : words) {
                String text = turn.isCompletedExceptionally() ? "" : turn.join().strip();
                if (!text.isEmpty()) {
                    lastWords.accept(text);
                }
            }
        });
    }

    /** Stream time: milliseconds of audio heard so far. */
    public long streamMillis() {
        return streamMillis;
    }

    /**
     * The person paused and the engine does not stream (a remote one): the audio so far is transcribed now,
     * so that the turn detector knows whether the words read as finished and commits the turn after the short pause
     * rather than the long one. Speech that goes on discards it.
     */
    private void settle(SpeechToText.Utterance current) {
        int pause = ++pauses;
        int current0 = generation;
        try {
            current.settle().whenComplete((text, error) -> call.execute(() -> {
                if (pause != pauses || current0 != generation || utterance != current || error != null) {
                    return;
                }
                settled = text.strip();
                turns.onTranscript(settled);
                turns.advance(streamMillis);
            }));
        } catch (RuntimeException e) {
            // the turn is transcribed whole when it is committed
        }
    }

    private void onVad(VadEvent event) {
        turns.onVad(event);
        if (event instanceof VadEvent.SpeechStarted started) {
            listener.started(started.atMillis(), streamMillis);
        } else if (event instanceof VadEvent.SpeechStopped stopped) {
            listener.stopped(stopped.atMillis());
        }
    }

    private void onTurn(TurnEvent event) {
        if (event instanceof TurnEvent.Started && utterance == null) {
            utterance = speechToText.get().begin();
            preRoll.forEach(utterance::accept);
            preRoll.clear();
            partial = "";
            settled = null;
        } else if (event instanceof TurnEvent.Paused && utterance != null && !speechToText.get().streaming()) {
            settle(utterance);
        } else if (event instanceof TurnEvent.Resumed) {
            pauses++;
            settled = null;
        } else if (event instanceof TurnEvent.Committed && utterance != null) {
            SpeechToText.Utterance done = utterance;
            utterance = null;
            partial = "";
            String atThePause = settled;
            settled = null;
            if (atThePause != null) {
                // Nothing was said since the pause was transcribed: that transcript is the turn's.
                done.close();
                listener.said(atThePause);
                return;
            }
            int current = generation;
            CompletableFuture<String> transcript = done.finishAndClose();
            inFlight.add(transcript);
            transcript.whenComplete((text, error) -> call.execute(() -> {
                inFlight.remove(transcript);
                if (current != generation) {
                    return;
                }
                if (error != null) {
                    listener.failed(Failures.describe("speech-to-text", Failures.unwrap(error)));
                } else {
                    listener.said(text.strip());
                }
            }));
        }
    }
}
