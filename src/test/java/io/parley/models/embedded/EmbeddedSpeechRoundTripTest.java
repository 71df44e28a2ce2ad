package io.parley.models.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.SpeechToText;
import io.parley.models.TextToSpeech;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded models against each other with real audio: FreeTTS speaks, the audio goes through the phone
 * line as Twilio carries it (8 kHz μ-law in 20 ms frames), and Vosk must hear the words.
 */
class EmbeddedSpeechRoundTripTest {

    private static ExecutorService executor;
    private static FreeTtsSpeech tts;
    private static VoskRecognizer stt;

    @BeforeAll
    static void models() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        tts = new FreeTtsSpeech(executor);
        stt = new VoskRecognizer(Path.of(System.getProperty("parley.stt.vosk.model-dir",
                "target/models/vosk/assets/model-en-us")));
    }

    @AfterAll
    static void close() {
        stt.close();
        executor.shutdownNow();
    }

    @Test
    void freeTtsSpeaksAt16kHz() throws Exception {
        Pcm16 speech = SpeechSamples.say(tts, "Hello, this is Parley.");
        assertEquals(16000, speech.sampleRate());
        assertTrue(speech.durationMillis() > 800 && speech.durationMillis() < 4000, speech.durationMillis() + " ms");
        assertTrue(speech.rmsDbfs() > -35, "audible: " + speech.rmsDbfs() + " dBFS");
    }

    @Test
    void voskHearsFreeTtsThroughThePhoneLine() throws Exception {
        List<Pcm16> frames = SpeechSamples.overThePhone(SpeechSamples.say(tts, "The weather is nice today."));
        try (SpeechToText.Utterance utterance = stt.begin()) {
            boolean partialSeen = false;
            for (Pcm16 frame : frames) {
                utterance.accept(frame);
                partialSeen |= utterance.partial().isPresent();
            }
            String text = utterance.finish().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(partialSeen, "partial transcripts while the caller speaks");
            assertTrue(text.contains("weather") && text.contains("today"), "heard: '" + text + "'");
        }
    }

    @Test
    void silenceIsAnEmptyTranscript() throws Exception {
        try (SpeechToText.Utterance utterance = stt.begin()) {
            for (int i = 0; i < 50; i++) {
                utterance.accept(Pcm16.silence(8000, 20));
            }
            assertEquals("", utterance.finish().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCancelledSynthesisProducesNothingMore() throws Exception {
        List<Pcm16> chunks = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<TextToSpeech.Synthesis> running = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        running.set(tts.speak("One. Two. Three. Four. Five. Six.", chunk -> {
            chunks.add(chunk);
            try {
                started.await(5, TimeUnit.SECONDS);   // the caller barges in after the first sentence
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.get().cancel();
        }));
        started.countDown();
        running.get().done().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(1, chunks.size(), "nothing after the cancel");
    }
}
