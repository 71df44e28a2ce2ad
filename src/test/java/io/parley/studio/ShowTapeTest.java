package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.audio.WavFile;
import io.parley.media.Leg;
import io.parley.media.MixingRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The show's tape: the mix and a stem per participant, aligned, each holding only its own voice. */
class ShowTapeTest {

    @TempDir
    Path dir;

    /** A leg that says a constant level on the frames given, nothing otherwise. */
    private static final class Talker implements Leg {
        final String id;
        final short level;
        final int from;
        final int to;
        int frame;

        Talker(String id, short level, int from, int to) {
            this.id = id;
            this.level = level;
            this.from = from;
            this.to = to;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean speak(short[] out) {
            int n = frame++;
            if (n < from || n >= to) {
                return false;
            }
            java.util.Arrays.fill(out, level);
            return true;
        }

        @Override
        public void hear(short[] frame, long nowNanos) {
        }
    }

    @Test
    void eachStemHoldsItsOwnVoiceAlignedWithTheMix() throws Exception {
        MixingRoom room = new MixingRoom("test");
        Talker host = new Talker("host", (short) 1000, 0, 50);
        Talker kate = new Talker("kate", (short) 3000, 25, 75);
        room.join(host);
        room.join(kate);
        long t = 1_000_000_000L;
        ShowTape tape = new ShowTape(dir, Leg::id, Runnable::run, t - 10 * 20_000_000L);
        room.tap(tape);
        for (int i = 0; i < 100; i++) {
            room.tick(t);
            t += 20_000_000L;
        }
        Map<String, Path> files = tape.close();
        assertEquals(java.util.Set.of("mix", "host", "kate"), files.keySet());
        Pcm16 mix = WavFile.read(files.get("mix"));
        Pcm16 hostStem = WavFile.read(files.get("host"));
        Pcm16 kateStem = WavFile.read(files.get("kate"));
        assertEquals(110 * 160, mix.sampleCount(), "ten frames of silence (the room was empty), then a frame of mix"
                + " per frame mixed");
        for (short sample : java.util.Arrays.copyOf(mix.samples(), 10 * 160)) {
            assertEquals(0, sample);
        }
        assertEquals(mix.sampleCount(), hostStem.sampleCount(), "the stems are as long as the mix");
        assertEquals(mix.sampleCount(), kateStem.sampleCount());
        assertEquals(1000, hostStem.samples()[20 * 160]);
        assertEquals(0, hostStem.samples()[70 * 160], "silence once the host stopped");
        assertEquals(0, kateStem.samples()[20 * 160], "Kate's stem is silent before she spoke");
        assertEquals(3000, kateStem.samples()[40 * 160]);
        assertEquals(4000, mix.samples()[40 * 160], "both in the mix");
        assertEquals(0, mix.samples()[100 * 160]);
        assertTrue(Files.exists(dir.resolve("stem-kate.wav")));
        assertEquals("kate-ca1a2b3c", ShowTape.fileName("Kate CA1A2B3C"));
    }
}
