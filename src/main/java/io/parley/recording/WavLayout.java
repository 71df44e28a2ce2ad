package io.parley.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The layout of a call recording on disk: a canonical 44-byte RIFF/WAVE header, then 16-bit little-endian PCM at
 * 8 kHz in two interleaved channels (left the caller, right Parley). The header's two sizes are rewritten after
 * every flush, so the file is a readable WAV at any moment, short of the last flush at most. The show's recording
 * (one mono file per participant) writes its files the same way, with one channel.
 */
public final class WavLayout {

    static final int RATE = 8000;
    static final int CHANNELS = 2;
    static final int BYTES_PER_FRAME = CHANNELS * 2;
    static final int HEADER_BYTES = 44;
    /** A WAV's sizes are 32-bit: a recording stops growing before it would pass them (about 74 hours). */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - HEADER_BYTES - 8;

    private WavLayout() {
    }

    /** The header for {@code dataBytes} of audio. */
    static ByteBuffer header(long dataBytes) {
        return header(dataBytes, CHANNELS);
    }

    /** The header for {@code dataBytes} of 16-bit audio at 8 kHz in {@code channels} interleaved channels. */
    public static ByteBuffer header(long dataBytes, int channels) {
        int bytesPerFrame = channels * 2;
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes)).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) channels).putInt(RATE)
                .putInt(RATE * bytesPerFrame).putShort((short) bytesPerFrame).putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return h.flip();
    }

    /** Rewrites the two sizes of the header in place for {@code dataBytes} of audio. */
    public static void writeSizes(FileChannel file, long dataBytes) throws IOException {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        file.write(size.putInt(0, (int) (36 + dataBytes)).rewind(), 4);
        file.write(size.putInt(0, (int) dataBytes).rewind(), 40);
    }

    /** Whether the file starts with this layout's header (any sizes). */
    static boolean isOurs(FileChannel file) throws IOException {
        if (file.size() < HEADER_BYTES) {
            return false;
        }
        ByteBuffer found = ByteBuffer.allocate(HEADER_BYTES);
        file.read(found, 0);
        byte[] a = found.array();
        byte[] b = header(0).array();
        // bytes 4-7 and 40-43 are the sizes; the rest is fixed
        return Arrays.equals(a, 0, 4, b, 0, 4) && Arrays.equals(a, 8, 40, b, 8, 40);
    }

    static long millis(long dataBytes) {
        return dataBytes / BYTES_PER_FRAME * 1000 / RATE;
    }
}
