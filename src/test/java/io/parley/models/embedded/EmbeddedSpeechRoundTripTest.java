package io.parley.models.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.FrameAssembler;
import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
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

    static Pcm16 say(String text) throws Exception {
        List<Pcm16> chunks = new ArrayList<>();
        tts.speak(text, chunks::add).done().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Pcm16 all = new Pcm16(chunks.get(0).sampleRate(), new short[0]);
        for (Pcm16 chunk : chunks) {
            all = all.append(chunk);
        }
        return all;
    }

    /** What the caller's phone line does to audio: 8 kHz μ-law in 20 ms frames. */
    static List<Pcm16> overThePhone(Pcm16 speech) {
        MuLawAudio narrow = Resampler.convert(speech, Pcm16.RATE_8K).toMuLaw();
        List<Pcm16> frames = new ArrayList<>();
        FrameAssembler assembler = new FrameAssembler();
        assembler.push(narrow, frame -> frames.add(frame.toPcm16()));
        assembler.flush(frame -> frames.add(frame.toPcm16()));
        return frames;
    }

    @Test
    void freeTtsSpeaksAt16kHz() throws Exception {
        Pcm16 speech = say("Hello, this is Parley.");
        assertEquals(16000, speech.sampleRate());
        assertTrue(speech.durationMillis() > 800 && speech.durationMillis() < 4000, speech.durationMillis() + " ms");
        assertTrue(speech.rmsDbfs() > -35, "audible: " + speech.rmsDbfs() + " dBFS");
    }

    @Test
    void voskHearsFreeTtsThroughThePhoneLine() throws Exception {
        List<Pcm16> frames = overThePhone(say("The weather is nice today."));
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
        TextToSpeech.Synthesis synthesis = tts.speak("One. Two. Three. Four. Five. Six.", chunks::add);
        synthesis.cancel();
        synthesis.done().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(chunks.size() <= 1, "at most the chunk under way when cancelled: " + chunks.size());
    }
}
