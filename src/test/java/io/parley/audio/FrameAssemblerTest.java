package io.parley.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    private static byte[] counting(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void oddSizedChunksBecomeWhole20msFramesInOrder() {
        FrameAssembler assembler = new FrameAssembler();
        List<MuLawAudio> frames = new ArrayList<>();
        int sent = 0;
        for (int size : new int[] {7, 300, 13, 160, 1, 159, 400}) {
            assembler.push(new MuLawAudio(counting(sent, size)), frames::add);
            sent += size;
        }
        assertEquals(sent / 160, frames.size());
        assertEquals(sent % 160, assembler.pendingBytes());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(counting(i * 160, 160), frames.get(i).data(), "frame " + i);
        }
    }

    @Test
    void flushPadsTheLastFrameWithSilence() {
        FrameAssembler assembler = new FrameAssembler();
        List<MuLawAudio> frames = new ArrayList<>();
        assembler.push(new MuLawAudio(counting(0, 170)), frames::add);
        assembler.flush(frames::add);
        assertEquals(2, frames.size());
        byte[] last = frames.get(1).data();
        assertEquals((byte) 160, last[0]);
        assertEquals(MuLawAudio.SILENCE, last[10]);
        assertEquals(MuLawAudio.SILENCE, last[159]);
        assembler.flush(frames::add);
        assertEquals(2, frames.size(), "nothing pending, nothing flushed");
    }
}
