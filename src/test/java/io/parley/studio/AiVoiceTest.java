package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.call.SerialExecutor;
import io.parley.media.Leg;
import io.parley.media.MediaClock;
import io.parley.media.MixingRoom;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.TextToSpeech;
import io.parley.store.Persona;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An AI voice in a room on a real media clock: the room hears its reply frame by frame, the reply is done when the
 * room has heard its last frame, and a hush silences it at once, keeping only what the room heard.
 */
class AiVoiceTest {

    /** The fake voice speaks one 20 ms frame per character, so text and time map exactly. */
    private static final int SAMPLES_PER_CHAR = 160;
    private static final Persona MAX = new Persona(1, "Max", Persona.Role.CO_HOST, "v", "kevin16", "style");

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MediaClock clock = new MediaClock(Executors.defaultThreadFactory(), pool);
    private final MixingRoom room = new MixingRoom("test studio");
    private final LinkedBlockingQueue<String[]> finished = new LinkedBlockingQueue<>();
    private final AtomicLong silencedAfter = new AtomicLong(-1);
    private final Ear ear = new Ear();

    /** A person in the room who only listens, counting the loud frames they hear and when the last came. */
    private static final class Ear implements Leg {
        final AtomicLong loud = new AtomicLong();
        volatile long lastLoudAt;

        @Override
        public String id() {
            return "ear";
        }

        @Override
        public boolean speak(short[] frame) {
            return false;
        }

        @Override
        public void hear(short[] frame, long nowNanos) {
            if (frame[80] != 0) {
                loud.incrementAndGet();
                lastLoudAt = System.nanoTime();
            }
        }
    }

    private static final TextToSpeech VOICE = new TextToSpeech() {
        @Override
        public String describe() {
            return "one frame per character";
        }

        @Override
        public Synthesis speak(String text, Consumer<Pcm16> chunk) {
            short[] samples = new short[text.length() * SAMPLES_PER_CHAR];
            Arrays.fill(samples, (short) 4000);
            chunk.accept(new Pcm16(Pcm16.RATE_8K, samples));
            return Synthesis.of(CompletableFuture.completedFuture(null), () -> { });
        }
    };

    /** A model that says {@code text} in one piece, on another thread, after 30 ms. */
    private LanguageModel saying(String text) {
        return new LanguageModel() {
            @Override
            public String describe() {
                return "fixed";
            }

            @Override
            public Reply reply(List<ChatMessage> conversation, Consumer<String> pieces) {
                CompletableFuture<String> done = new CompletableFuture<>();
                pool.execute(() -> {
                    sleep(30);
                    pieces.accept(text);
                    done.complete(text);
                });
                return Reply.of(done, () -> { });
            }
        };
    }

    private AiVoice voice() {
        SerialExecutor own = new SerialExecutor("Max", pool, 1000, Runnable::run);
        AiVoice voice = new AiVoice(MAX, VOICE, new Pcm16(Pcm16.RATE_8K, new short[160]), own,
                new AiVoice.Listener() {
                    @Override
                    public void sounded(AiVoice v, long nanos) {
                    }

                    @Override
                    public void silenced(AiVoice v, long nanos) {
                        silencedAfter.set(nanos);
                    }

                    @Override
                    public void finished(AiVoice v, String heard, boolean interrupted, String failure) {
                        finished.add(new String[] {heard, String.valueOf(interrupted), String.valueOf(failure)});
                    }
                });
        room.join(voice);
        room.join(ear);
        clock.add(room);
        return voice;
    }

    @AfterEach
    void stop() {
        clock.stop();
        pool.shutdownNow();
    }

    @Test
    void theRoomHearsTheWholeReplyAndItEndsWhenTheLastFrameIsMixed() throws Exception {
        AiVoice voice = voice();
        String text = "Good evening. Lovely to be here.";
        voice.answer(saying(text), List.of(ChatMessage.user("Hello")), System.nanoTime(), () -> true);

        String[] done = finished.poll(5, TimeUnit.SECONDS);
        assertEquals(text, done[0]);
        assertEquals("false", done[1]);
        assertEquals("null", done[2]);
        long frames = text.replace(" ", "").length();
        assertTrue(ear.loud.get() >= frames - 2 && ear.loud.get() <= text.length() + 2,
                "the room heard about one frame per character: " + ear.loud.get());
    }

    @Test
    void aVoiceWaitsForTheFloorThenSpeaks() throws Exception {
        AiVoice voice = voice();
        voice.answer(saying("Right."), List.of(ChatMessage.user("Hello")), System.nanoTime(), () -> false);
        Thread.sleep(300);
        assertEquals(0, ear.loud.get(), "nothing is said while somebody has the floor");
        voice.floorFree();
        String[] done = finished.poll(5, TimeUnit.SECONDS);
        assertEquals("Right.", done[0]);
        assertTrue(ear.loud.get() > 0);
    }

    @Test
    void aHushSilencesTheVoiceAtTheNextFrameAndKeepsWhatTheRoomHeard() throws Exception {
        AiVoice voice = voice();
        String text = "The first thing I noticed about the lighthouse was the smell of the sea. "
                + "Then the stairs, all one hundred and twelve of them. And then the view from the very top.";
        voice.answer(saying(text), List.of(ChatMessage.user("Hello")), System.nanoTime(), () -> true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ear.loud.get() < 90 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long hushedAt = System.nanoTime();
        voice.hush(hushedAt);
        String[] done = finished.poll(5, TimeUnit.SECONDS);

        assertEquals("true", done[1], "cut short");
        assertTrue(text.startsWith(done[0]), "what was heard is the start of the reply: " + done[0]);
        long heardAtHush = ear.loud.get();
        // One frame a character: the words kept are the words whose frames the room mixed (to a word or so).
        assertTrue(Math.abs(done[0].length() - heardAtHush) <= 8, "kept " + done[0].length() + " characters of "
                + text.length() + " after " + heardAtHush + " frames: " + done[0]);
        Thread.sleep(200);
        assertTrue(ear.loud.get() - heardAtHush <= 1, "at most the frame being mixed got through after the hush");
        assertTrue(ear.lastLoudAt - hushedAt < TimeUnit.MILLISECONDS.toNanos(100), "silent after the hush");
        assertTrue(silencedAfter.get() >= 0, "the silence was reported");
        assertFalse(done[0].contains("view"), "the unheard rest is not kept");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
