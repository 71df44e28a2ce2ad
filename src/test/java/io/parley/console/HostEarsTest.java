package io.parley.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.conversation.Ears;
import io.parley.conversation.TurnDetector;
import io.parley.conversation.VoiceActivityDetector;
import io.parley.models.LateSpeechToText;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.models.embedded.SileroVad;
import io.parley.models.embedded.SpeechSamples;
import io.parley.studio.Speaker;
import io.parley.studio.Studio;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host's ears when the console closes while the host is talking: the studio gets the host's last words and
 * hears that the host stopped, and the turn's recogniser is freed. (Their executor is shut down by the closing
 * task itself; shut down beside it, it would drop that task.)
 */
class HostEarsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final LateSpeechToText engine = new LateSpeechToText(300);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> lastWords = new CompletableFuture<>();

    /** The studio, as far as the host's ears tell it anything. */
    private final Studio studio = new Studio() {
        @Override
        public void started(Speaker who, long onsetNanos) {
            told.add("started " + who.label());
        }

        @Override
        public void stopped(Speaker who) {
            told.add("stopped " + who.label());
        }

        @Override
        public void said(Speaker who, String text) {
            told.add("said " + who.label() + ": " + text);
            lastWords.complete(text);
        }
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
        engine.close();
    }

    @Test
    void closingTheConsoleMidSentenceKeepsTheHostsLastWords() throws Exception {
        ExecutorService voice = Executors.newSingleThreadExecutor();
        List<Pcm16> speech;
        try {
            speech = SpeechSamples.overThePhone(SpeechSamples.say(new FreeTtsSpeech(voice),
                    "Welcome back to the show, our next caller is"));
        } finally {
            voice.shutdownNow();
        }
        try (SileroVad vad = SileroVad.load()) {
            HostEars ears = new HostEars((executor, listener) -> new Ears(vad.newStream(),
                    VoiceActivityDetector.Settings.defaults(), TurnDetector.Settings.defaults(), () -> engine,
                    executor, listener), pool, studio);
            for (int i = 0; i < 25; i++) {
                ears.hear(new short[160], System.nanoTime());
            }
            for (Pcm16 frame : speech.subList(0, speech.size() * 2 / 3)) {
                ears.hear(frame.samples(), System.nanoTime());
                Thread.sleep(2); // the socket hands frames over a little at a time; the ears keep up
            }

            ears.close();

            assertEquals("words 1", lastWords.get(5, TimeUnit.SECONDS));
            engine.drain();
            assertEquals("started Host", told.get(0), told.toString());
            assertEquals(List.of("stopped Host", "said Host: words 1"), told.subList(told.size() - 2, told.size()),
                    "the studio hears the host stop, then their last words: " + told);
            assertEquals(1, told.stream().filter(t -> t.startsWith("said")).count(), told.toString());
            assertTrue(engine.utterances().get(0).closed(), "the turn's recogniser is freed");
            ears.hear(new short[160], System.nanoTime());
            assertEquals(1, ears.dropped(), "nothing is heard after the close");
        }
    }
}
