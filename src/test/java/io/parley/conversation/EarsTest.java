package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.LateSpeechToText;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.SileroVad;
import io.parley.models.embedded.SpeechSamples;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's ears when the person goes (a caller hangs up, the host closes the console): real speech through the
 * phone line and the real voice activity detector, and a speech-to-text engine that answers late, as a remote one
 * does, on its own thread.
 */
class EarsTest {

    private static SileroVad vad;
    private static ExecutorService voiceThread;
    private static List<Pcm16> sentence;

    /** Answers 500 ms after each utterance is finished. */
    private final LateSpeechToText engine = new LateSpeechToText(500);
    /** The ears' executor, drained by the test; a closed call's executor simply stops running tasks. */
    private final Queue<Runnable> callTasks = new ArrayDeque<>();
    private final List<String> said = new ArrayList<>();
    private final List<String> lastWords = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> handedOver = new CompletableFuture<>();
    private Ears ears;

    @BeforeAll
    static void load() throws Exception {
        vad = SileroVad.load();
        voiceThread = Executors.newSingleThreadExecutor();
        sentence = SpeechSamples.overThePhone(SpeechSamples.say(new FreeTtsSpeech(voiceThread),
                "I have played the cello for twenty years."));
    }

    @AfterAll
    static void unload() {
        vad.close();
        voiceThread.shutdownNow();
    }

    @BeforeEach
    void newEars() {
        ears = new Ears(vad.newStream(), VoiceActivityDetector.Settings.defaults(), TurnDetector.Settings.defaults(),
                () -> engine, callTasks::add, new Ears.Listener() {
                    @Override
                    public void said(String text) {
                        said.add(text);
                    }
                });
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void aSentenceCutOffByTheHangUpIsTranscribedFromWhatWasHeard() throws Exception {
        hearSilence(500);
        List<Pcm16> firstPart = sentence.subList(0, sentence.size() * 3 / 5);
        firstPart.forEach(ears::hear);
        drain();

        ears.close(this::lastWords);
        callTasks.clear(); // the call's executor is gone

        handedOver.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("words 1"), lastWords, "the unfinished turn's words are handed over");
        LateSpeechToText.Heard last = engine.utterances().get(0);
        assertTrue(last.closed(), "its recogniser is freed");
        long spoken = firstPart.size() * 20L;
        assertTrue(last.millis() >= spoken - 700 && last.millis() <= spoken + 300, "the engine heard the part that"
                + " was spoken (" + spoken + " ms), pre-roll included: " + last.millis() + " ms");
        assertEquals(List.of(), said, "nothing reaches the listener of a closed call");
    }

    @Test
    void aTurnStillBeingTranscribedAtTheHangUpIsHandedOverBeforeTheOneUnderWay() throws Exception {
        hearSilence(500);
        sentence.forEach(ears::hear);
        hearSilence(3_300); // the turn is committed (nothing settled it: the long pause), its transcription starts
        drain();
        assertEquals(1, engine.utterances().size(), "the first turn is committed");
        assertTrue(engine.utterances().get(0).finished(), "and being transcribed");
        sentence.subList(0, sentence.size() / 2).forEach(ears::hear); // they start again, and hang up mid-sentence
        drain();

        ears.close(this::lastWords);
        callTasks.clear();

        handedOver.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("words 1", "words 2"), lastWords, "both turns, in the order they were spoken");
        assertTrue(engine.utterances().stream().allMatch(LateSpeechToText.Heard::closed), "every recogniser is freed");
        engine.drain();
        drain();
        assertEquals(List.of(), said, "the committed turn is handed over once, not to the listener as well");
    }

    @Test
    void whileTheEarsLiveACommittedTurnGoesToTheListener() throws Exception {
        hearSilence(500);
        sentence.forEach(ears::hear);
        hearSilence(3_300);
        drain();
        engine.drain();
        drain();
        assertEquals(List.of("words 1"), said);
        assertTrue(engine.utterances().get(0).closed());
    }

    @Test
    void nothingIsHandedOverWithoutATurnOrWhenItsTranscriptionFails() throws Exception {
        hearSilence(1_000);
        drain();
        ears.close(this::lastWords);
        assertEquals(List.of(), engine.utterances(), "no turn had started");

        newEars();
        engine.fail();
        hearSilence(500);
        sentence.subList(0, 40).forEach(ears::hear);
        drain();
        ears.close(this::lastWords);
        engine.drain();
        assertEquals(List.of(), lastWords);
        assertEquals(1, engine.utterances().size());
        assertTrue(engine.utterances().get(0).closed(), "a failed transcription still frees its recogniser");
    }

    @Test
    void closedWithoutLastWordsTheTurnUnderWayIsDroppedAndFreed() {
        hearSilence(500);
        sentence.subList(0, 40).forEach(ears::hear);
        drain();
        ears.close();
        assertEquals(1, engine.utterances().size());
        assertTrue(engine.utterances().get(0).closed());
        assertFalse(engine.utterances().get(0).finished(), "not transcribed");
    }

    private void lastWords(String text) {
        lastWords.add(text);
        if (lastWords.size() == engine.utterances().size()) {
            handedOver.complete(null);
        }
    }

    private void hearSilence(int millis) {
        for (int i = 0; i < millis / 20; i++) {
            ears.hear(Pcm16.silence(Pcm16.RATE_8K, 20));
        }
    }

    private void drain() {
        for (Runnable task; (task = callTasks.poll()) != null; ) {
            task.run();
        }
    }
}
