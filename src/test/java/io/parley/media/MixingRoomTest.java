package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixingRoomTest {

    private static final long MS = 1_000_000L;

    /** A party that says a constant level (or nothing) and keeps every frame it hears. */
    private static final class Party implements Leg {
        final String id;
        short level;
        boolean silent;
        final List<short[]> heard = new ArrayList<>();

        Party(String id, int level) {
            this.id = id;
            this.level = (short) level;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean speak(short[] frame) {
            if (silent) {
                return false;
            }
            Arrays.fill(frame, level);
            return true;
        }

        @Override
        public void hear(short[] frame, long nowNanos) {
            heard.add(frame.clone());
        }

        short lastHeard() {
            short[] last = heard.get(heard.size() - 1);
            for (short s : last) {
                assertEquals(last[0], s, "a frame of one level stays one level");
            }
            return last[0];
        }
    }

    @Test
    void everyLegHearsEveryOtherLegAndNeverItself() {
        MixingRoom room = new MixingRoom("studio");
        Party host = new Party("host", 1000);
        Party ann = new Party("ann", 200);
        Party bob = new Party("bob", 30);
        room.join(host);
        room.join(ann);
        room.join(bob);
        room.tick(1000 * MS);
        assertEquals(230, host.lastHeard());
        assertEquals(1030, ann.lastHeard());
        assertEquals(1200, bob.lastHeard());

        bob.silent = true;
        room.tick(1020 * MS);
        assertEquals(200, host.lastHeard());
        assertEquals(1000, ann.lastHeard());
        assertEquals(1200, bob.lastHeard(), "a silent party still hears the room");
    }

    @Test
    void twoLegsAreAPlainConversation() {
        MixingRoom room = new MixingRoom("pair");
        Party host = new Party("host", 500);
        Party ann = new Party("ann", -700);
        room.join(host);
        room.join(ann);
        room.tick(0);
        assertEquals(-700, host.lastHeard());
        assertEquals(500, ann.lastHeard());
    }

    @Test
    void theSumSaturatesInsteadOfWrapping() {
        MixingRoom room = new MixingRoom("loud");
        Party a = new Party("a", 30000);
        Party b = new Party("b", 30000);
        Party c = new Party("c", 0);
        room.join(a);
        room.join(b);
        room.join(c);
        room.tick(0);
        assertEquals(Short.MAX_VALUE, c.lastHeard());
        assertEquals(30000, a.lastHeard());
    }

    @Test
    void oneFrameEveryTwentyMillisecondsOnATenMillisecondClock() {
        MixingRoom room = new MixingRoom("paced");
        Party a = new Party("a", 1);
        Party b = new Party("b", 2);
        room.join(a);
        room.join(b);
        for (long t = 0; t < 1000; t += 10) {
            room.tick(5_000 * MS + t * MS);
        }
        assertEquals(50, room.framesMixed(), "one second is 50 frames");
        assertEquals(50, a.heard.size());
    }

    @Test
    void aStarvedClockSkipsAheadRatherThanMixingABurst() {
        MixingRoom room = new MixingRoom("starved");
        Party a = new Party("a", 1);
        room.join(a);
        room.join(new Party("b", 2));
        room.tick(0);
        room.tick(1000 * MS); // a second late
        assertEquals(1, room.skips());
        assertEquals(2, room.framesMixed(), "the late second is not mixed after the fact");
        room.tick(1060 * MS);
        assertEquals(5, room.framesMixed());
    }

    @Test
    void legsJoinAndLeaveBetweenFrames() {
        MixingRoom room = new MixingRoom("moves");
        Party host = new Party("host", 100);
        Party ann = new Party("ann", 20);
        Party bob = new Party("bob", 3);
        room.join(host);
        room.join(ann);
        room.tick(0);
        assertEquals(20, host.lastHeard());
        room.join(bob);
        room.join(bob);
        assertEquals(3, room.legs().size(), "joining twice is joining once");
        room.tick(20 * MS);
        assertEquals(23, host.lastHeard());
        assertEquals(1, bob.heard.size(), "heard from the first frame after joining: no gap");
        room.leave(ann);
        room.tick(40 * MS);
        assertEquals(3, host.lastHeard());
        assertEquals(2, ann.heard.size(), "nothing after leaving");
        assertTrue(room.contains(bob));
    }

    @Test
    void anEmptyRoomMixesNothing() {
        MixingRoom room = new MixingRoom("empty");
        room.tick(0);
        room.tick(20 * MS);
        assertEquals(0, room.framesMixed());
    }
}
