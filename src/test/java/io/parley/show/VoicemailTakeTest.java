package io.parley.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VoicemailTakeTest {

    private static final Pcm16 FRAME = Pcm16.silence(Pcm16.RATE_8K, 20);

    @Test
    void endsAfterSpeechAndThenSilence() {
        VoicemailTake take = new VoicemailTake(Duration.ofSeconds(60), Duration.ofMillis(1000));
        for (int i = 0; i < 100; i++) {
            assertFalse(take.add(FRAME, false), "silence before speaking does not end it");
        }
        for (int i = 0; i < 50; i++) {
            assertFalse(take.add(FRAME, true));
        }
        boolean over = false;
        int silentFrames = 0;
        while (!over) {
            over = take.add(FRAME, false);
            silentFrames++;
        }
        assertEquals(50, silentFrames, "one second of silence after speech");
        assertTrue(take.heardSpeech());
        assertEquals(3000 + 500, take.audio().sampleCount() / 8, "the ending silence is cut to half a second");
    }

    @Test
    void endsAtTheLongestMessage() {
        VoicemailTake take = new VoicemailTake(Duration.ofSeconds(5), Duration.ofSeconds(2));
        int frames = 0;
        while (!take.add(FRAME, true)) {
            frames++;
        }
        assertEquals(249, frames);
        assertEquals(5000 * 8, take.audio().sampleCount());
    }

    @Test
    void silenceIsNoMessage() {
        VoicemailTake take = new VoicemailTake(Duration.ofSeconds(5), Duration.ofSeconds(2));
        take.add(FRAME, false);
        assertFalse(take.heardSpeech());
    }
}
