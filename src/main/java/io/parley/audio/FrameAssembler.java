package io.parley.audio;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a stream of μ-law chunks of any size into 20 ms frames of 160 bytes, keeping the remainder for the next
 * chunk. Not thread-safe: one per stream.
 */
public final class FrameAssembler {

    public static final int FRAME_BYTES = Audio.FRAME_SAMPLES_8K;

    private final byte[] pending = new byte[FRAME_BYTES];
    private int filled;

    /** Hands every completed frame (a new array each) to {@code frames}. */
    public void push(MuLawAudio chunk, Consumer<MuLawAudio> frames) {
        byte[] data = chunk.data();
        int offset = 0;
        if (filled > 0) {
            int take = Math.min(FRAME_BYTES - filled, data.length);
            System.arraycopy(data, 0, pending, filled, take);
            filled += take;
            offset = take;
            if (filled < FRAME_BYTES) {
                return;
            }
            frames.accept(new MuLawAudio(pending.clone()));
            filled = 0;
        }
        while (data.length - offset >= FRAME_BYTES) {
            frames.accept(new MuLawAudio(Arrays.copyOfRange(data, offset, offset + FRAME_BYTES)));
            offset += FRAME_BYTES;
        }
        filled = data.length - offset;
        System.arraycopy(data, offset, pending, 0, filled);
    }

    /** Completes a partly filled frame with silence and hands it over; does nothing when no bytes are pending. */
    public void flush(Consumer<MuLawAudio> frames) {
        if (filled == 0) {
            return;
        }
        byte[] last = pending.clone();
        Arrays.fill(last, filled, FRAME_BYTES, MuLawAudio.SILENCE);
        filled = 0;
        frames.accept(new MuLawAudio(last));
    }

    /** Forgets the bytes of the partly filled frame. */
    public void discard() {
        filled = 0;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pendingBytes() {
        return filled;
    }
}
