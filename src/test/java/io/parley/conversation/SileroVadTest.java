package io.parley.conversation;

import io.parley.models.embedded.SileroVad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.SpeechSamples;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Silero VAD v5 at 8 kHz on real speech (FreeTTS through the phone line). */
class SileroVadTest {

    private static SileroVad vad;
    private static ExecutorService executor;
    private static FreeTtsSpeech tts;

    @BeforeAll
    static void load() throws Exception {
        vad = SileroVad.load();
        executor = Executors.newSingleThreadExecutor();
        tts = new FreeTtsSpeech(executor);
    }

    @AfterAll
    static void close() {
        vad.close();
        executor.shutdownNow();
    }

    @Test
    void theShippedModelIsTheOneItsNoticeDescribes() throws Exception {
        try (InputStream in = SileroVad.class.getResourceAsStream(SileroVad.RESOURCE)) {
            byte[] model = in.readAllBytes();
            assertEquals(2_327_524, model.length);
            assertEquals("2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)));
        }
        assertTrue(SileroVad.class.getResource("/models/silero_vad_v5.onnx.NOTICE.md") != null, "licence notice ships");
    }

    @Test
    void findsTheStartAndEndOfASpokenSentence() throws Exception {
        Pcm16 speech = SpeechSamples.say(tts, "Hello, I would like to book a table for two.");
        List<Pcm16> frames = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            frames.add(Pcm16.silence(8000, 20));                       // 500 ms of silence first
        }
        frames.addAll(SpeechSamples.overThePhone(speech));
        for (int i = 0; i < 50; i++) {
            frames.add(Pcm16.silence(8000, 20));                       // then a second of silence
        }
        List<VadEvent> events = new ArrayList<>();
        VoiceActivityDetector detector = new VoiceActivityDetector(vad.newStream(),
                VoiceActivityDetector.Settings.defaults(), events::add);
        frames.forEach(detector::accept);

        long speechEnd = 500 + speech.durationMillis();
        assertTrue(events.size() >= 2, events.toString());
        assertInstanceOf(VadEvent.SpeechLikely.class, events.get(0), "the first voiced window is reported at once");
        events.removeIf(e -> e instanceof VadEvent.SpeechLikely || e instanceof VadEvent.SpeechUnlikely);
        var started = assertInstanceOf(VadEvent.SpeechStarted.class, events.get(0));
        assertTrue(started.atMillis() >= 400 && started.atMillis() <= 800, "started at " + started.atMillis());
        var stopped = assertInstanceOf(VadEvent.SpeechStopped.class, events.get(events.size() - 1));
        assertTrue(Math.abs(stopped.atMillis() - speechEnd) <= 300,
                "stopped at " + stopped.atMillis() + " ms, speech ended at " + speechEnd + " ms: " + events);
        assertTrue(stopped.noticedAtMillis() - stopped.atMillis() <= 200, "noticed within the minimum silence");
        assertTrue(!detector.speaking());
    }

    @Test
    void silenceAndLowNoiseAreNotSpeech() {
        List<VadEvent> events = new ArrayList<>();
        VoiceActivityDetector detector = new VoiceActivityDetector(vad.newStream(),
                VoiceActivityDetector.Settings.defaults(), events::add);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100; i++) {
            short[] hiss = new short[160];
            for (int j = 0; j < hiss.length; j++) {
                hiss[j] = (short) (random.nextGaussian() * 100);      // about -50 dBFS of line noise
            }
            detector.accept(new Pcm16(8000, hiss));
        }
        assertEquals(List.of(), events);
    }
}
