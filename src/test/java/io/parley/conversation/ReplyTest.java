package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.TextToSpeech;
import io.parley.media.FakeOutput;
import io.parley.media.OutboundAudio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A reply on a real {@link OutboundAudio} with a hand-driven clock: what the caller heard after a pause, and what
 * plays again after a resume.
 */
class ReplyTest {

    private static final long MS = 1_000_000L;
    /** The fake voice speaks 20 ms (one frame) per character, so text and time map exactly. */
    private static final int SAMPLES_PER_CHAR = 160;

    private long now = 1_000 * MS;
    private final FakeOutput out = new FakeOutput();
    private final OutboundAudio audio = new OutboundAudio(out, new OutboundAudio.Settings(Duration.ofMillis(100),
            Duration.ofSeconds(60), Duration.ofSeconds(60)), why -> {
    }, () -> now);
    private final List<String> synthesised = new ArrayList<>();
    private final TextToSpeech voice = new TextToSpeech() {
        @Override
        public String describe() {
            return "one frame per character";
        }

        @Override
        public Synthesis speak(String text, java.util.function.Consumer<Pcm16> chunk) {
            synthesised.add(text);
            short[] samples = new short[text.length() * SAMPLES_PER_CHAR];
            Arrays.fill(samples, (short) 4000);
            chunk.accept(new Pcm16(Pcm16.RATE_8K, samples));
            return Synthesis.of(CompletableFuture.completedFuture(null), () -> { });
        }
    };

    private Reply reply() {
        return new Reply("test", voice, new Pcm16(Pcm16.RATE_8K, new short[1600]), Runnable::run, audio,
                new Reply.Listener() { }, () -> now);
    }

    private void play(long millis) {
        for (long t = 0; t < millis; t += 10) {
            now += 10 * MS;
            audio.tick(now);
        }
    }

    private List<String> marksSent() {
        return out.marks();
    }

    private long framesSent() {
        return out.count(FakeOutput.Frame.class);
    }

    @Test
    void wordsHeardAreWholeWordsInTheShareOfTheAudioPlayed() {
        String text = "Our opening hours are nine to five.";
        assertEquals("", PlayedClauses.wordsHeard(text, 0));
        assertEquals("", PlayedClauses.wordsHeard(text, 0.05), "\"Our\" is cut in the middle");
        assertEquals("Our", PlayedClauses.wordsHeard(text, 3.0 / text.length()));
        assertEquals("Our opening hours", PlayedClauses.wordsHeard(text, 0.5));
        assertEquals(text, PlayedClauses.wordsHeard(text, 1));
    }

    @Test
    void afterAPauseTheHistoryHoldsTheHeardClausesAndTheWordsPlayedOfTheNext() {
        String first = "Sure thing.";
        String second = "Our opening hours are nine to five on weekdays.";
        Reply reply = reply().say(first + " " + second);
        reply.release();
        play(first.length() * 20);
        List<String> marks = marksSent();
        assertEquals(1, marks.size(), "the first clause's mark went out after its audio");
        assertTrue(audio.markEchoed(marks.get(0)));
        assertTrue(reply.heard(marks.get(0)));
        // "Our opening hours" (17 characters) and half a frame more of the second clause have played.
        play(17 * 20 + 10);
        reply.pause();
        assertTrue(reply.paused());
        assertEquals("Sure thing. Our opening hours", reply.heardText());
        assertEquals("are nine to five on weekdays.", reply.unheardText());
        assertFalse(reply.fullyHeard());
        assertFalse(reply.heard("seg-2"), "marks echoed after the clear (Twilio returns them all) are not heard");
    }

    @Test
    void resumingEarlyInAClausePlaysItFromItsStartAndThenTheRest() {
        String first = "Sure thing.";
        String second = "Our opening hours are nine to five.";
        Reply reply = reply().say(first + " " + second);
        reply.release();
        play(first.length() * 20 + 60);
        reply.heard(marksSent().get(0));
        audio.markEchoed(marksSent().get(0));
        play(100); // under 200 ms of the second clause heard: it is replayed from its start
        long before = framesSent();
        reply.pause();
        play(500);
        assertEquals(before, framesSent(), "nothing is sent while paused");
        reply.resume();
        play(second.length() * 20 + 200);
        assertEquals(second.length(), framesSent() - before, "the whole second clause again, from its start");
        List<String> marks = marksSent();
        String last = marks.get(marks.size() - 1);
        audio.markEchoed(last);
        assertTrue(reply.heard(last));
        assertTrue(reply.fullyHeard());
        assertEquals(first + " " + second, reply.heardText());
        assertEquals(List.of(first, second), synthesised, "resuming does not synthesise again");
    }

    @Test
    void resumingLateInAClausePicksUpAFifthOfASecondBeforeThePause() {
        String clause = "This clause is long enough to be paused in the middle of what it says.";
        Reply reply = reply().say(clause);
        reply.release();
        play(40 * 20 + 10); // 40 frames heard
        long before = framesSent();
        reply.pause();
        reply.resume();
        play(clause.length() * 20 + 200);
        assertEquals(clause.length() - (40 - 10), framesSent() - before,
                "the rest of the clause, from 10 frames (200 ms) before the pause");
        String last = marksSent().get(marksSent().size() - 1);
        audio.markEchoed(last);
        assertTrue(reply.heard(last));
        assertEquals(clause, reply.heardText());
    }

    @Test
    void aCancelledReplyKeepsWhatWasHeardAndStopsTheVoice() {
        Reply reply = reply().say("One two three four five six seven eight.");
        reply.release();
        play(9 * 20 + 30);
        reply.pause();
        reply.cancel();
        assertEquals("One two", reply.heardText());
        assertEquals("three four five six seven eight.", reply.unheardText());
        long frames = framesSent();
        play(1000);
        assertEquals(frames, framesSent());
        assertTrue(out.count(FakeOutput.Clear.class) > 0, "the carrier was told to clear its buffer");
    }
}
