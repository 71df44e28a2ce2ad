package io.parley.conversation;

import io.parley.models.embedded.SileroVad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.SpeechToText;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.SpeechSamples;
import io.parley.models.embedded.VoskRecognizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end-of-turn policy on real speech: FreeTTS's voice through the phone line, Silero VAD, Vosk's streaming
 * transcript, and the detector, all on stream time.
 */
class TurnDetectorTest {

    private static SileroVad vad;
    private static VoskRecognizer stt;
    private static ExecutorService executor;
    private static FreeTtsSpeech tts;

    @BeforeAll
    static void load() throws Exception {
        vad = SileroVad.load();
        stt = new VoskRecognizer(Path.of(System.getProperty("parley.stt.vosk.model-dir",
                "target/models/vosk/assets/model-en-us")));
        executor = Executors.newSingleThreadExecutor();
        tts = new FreeTtsSpeech(executor);
    }

    @AfterAll
    static void close() {
        vad.close();
        stt.close();
        executor.shutdownNow();
    }

    /** A caller's side of the line: silences (ms) and sentences, in order. */
    private static List<Pcm16> caller(Object... parts) throws Exception {
        List<Pcm16> frames = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Integer millis) {
                for (int i = 0; i < millis / 20; i++) {
                    frames.add(Pcm16.silence(8000, 20));
                }
            } else {
                frames.addAll(SpeechSamples.overThePhone(SpeechSamples.say(tts, (String) part)));
            }
        }
        return frames;
    }

    /**
     * Runs the frames through VAD, streaming STT and the detector, as a call would. At each pause the STT is
     * finalised at once (the speculative transcript; Vosk's partial lags the audio by a word or so, and the
     * last word decides the policy); if the caller goes on, a new utterance continues the transcript.
     */
    private static List<TurnEvent> listen(List<Pcm16> frames) throws Exception {
        List<TurnEvent> events = new ArrayList<>();
        SpeechToText.Utterance[] utterance = {stt.begin()};
        StringBuilder earlier = new StringBuilder();
        TurnDetector[] turn = new TurnDetector[1];
        turn[0] = new TurnDetector(TurnDetector.Settings.defaults(), event -> {
            events.add(event);
            if (event instanceof TurnEvent.Paused) {
                String segment = utterance[0].finish().toCompletableFuture().join();
                if (!segment.isEmpty()) {
                    earlier.append(earlier.length() > 0 ? " " : "").append(segment);
                }
                utterance[0] = stt.begin();
                turn[0].onTranscript(earlier.toString());
            } else if (event instanceof TurnEvent.Committed) {
                earlier.setLength(0);
            }
        });
        VoiceActivityDetector voice = new VoiceActivityDetector(vad.newStream(),
                VoiceActivityDetector.Settings.defaults(), turn[0]::onVad);
        long now = 0;
        for (Pcm16 frame : frames) {
            utterance[0].accept(frame);
            utterance[0].partial().ifPresent(p -> turn[0].onTranscript(
                    earlier.length() == 0 ? p : earlier + " " + p));
            voice.accept(frame);
            now += 20;
            turn[0].advance(now);
        }
        utterance[0].close();
        return events;
    }

    private static long speechEnd(List<Pcm16> frames) {
        long millis = 0;
        long lastVoiced = 0;
        for (Pcm16 frame : frames) {
            millis += 20;
            if (frame.rmsDbfs() > -45) {
                lastVoiced = millis;
            }
        }
        return lastVoiced;
    }

    @Test
    void aFinishedSentenceIsCommittedWithin300MsOfItsEnd() throws Exception {
        List<Pcm16> frames = caller(500, "The weather is nice today.", 1500);
        List<TurnEvent> events = listen(frames);
        List<TurnEvent.Committed> commits = events.stream().filter(TurnEvent.Committed.class::isInstance)
                .map(TurnEvent.Committed.class::cast).toList();
        assertEquals(1, commits.size(), events.toString());
        TurnEvent.Committed commit = commits.get(0);
        long end = speechEnd(frames);
        assertTrue(commit.committedAtMillis() - end <= 300,
                "committed " + (commit.committedAtMillis() - end) + " ms after the speech ended: " + events);
        assertTrue(commit.transcript().contains("weather"), commit.transcript());
    }

    @Test
    void aTwoSecondPauseMidSentenceDoesNotCutTheCallerOff() throws Exception {
        List<Pcm16> frames = caller(500, "I want to go to the", 2000, "train station tonight.", 1500);
        List<TurnEvent> events = listen(frames);
        List<TurnEvent.Committed> commits = events.stream().filter(TurnEvent.Committed.class::isInstance)
                .map(TurnEvent.Committed.class::cast).toList();
        assertEquals(1, commits.size(), "one turn, not two: " + events);
        assertTrue(events.stream().anyMatch(TurnEvent.Resumed.class::isInstance), "the pause was resumed: " + events);
        TurnEvent.Committed commit = commits.get(0);
        assertTrue(commit.transcript().contains("go to the") && commit.transcript().contains("station"), commit.transcript());
        assertTrue(commit.committedAtMillis() - speechEnd(frames) <= 300, events.toString());
    }

    @Test
    void thePolicyReadsTrailingWords() {
        assertTrue(TurnDetector.readsFinished("the weather is nice today"));
        assertTrue(TurnDetector.readsFinished("thank you"));
        assertTrue(TurnDetector.readsFinished("yes it is"));
        assertFalse(TurnDetector.readsFinished("i would like to book a table and"));
        assertFalse(TurnDetector.readsFinished("take me to the"));
        assertFalse(TurnDetector.readsFinished("so um"));
        assertFalse(TurnDetector.readsFinished(""));
    }

    @Test
    void aPauseIsReportedWithItsDeadlineBeforeTheCommit() {
        List<TurnEvent> events = new ArrayList<>();
        TurnDetector detector = new TurnDetector(new TurnDetector.Settings(200, 3000), events::add);
        detector.onVad(new VadEvent.SpeechStarted(100));
        detector.onTranscript("take me to the");
        detector.onVad(new VadEvent.SpeechStopped(1000, 1096));
        var paused = assertInstanceOf(TurnEvent.Paused.class, events.get(1));
        assertEquals(4000, paused.commitAtMillis(), "unfinished: the long wait");
        detector.onTranscript("take me to the station");
        detector.advance(1200);
        var commit = assertInstanceOf(TurnEvent.Committed.class, events.get(2));
        assertEquals(200, commit.waitMillis(), "the final words made it read finished: the short wait");
        assertEquals("take me to the station", commit.transcript());
    }
}
