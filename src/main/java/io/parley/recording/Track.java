package io.parley.recording;

import io.parley.audio.MuLaw;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One call's recording while it is made, on the {@link RecordingWriter}'s thread only. Audio is placed by time
 * into a window of the last few seconds, both channels side by side; what is older than the
 * {@link #settled settling time} can no longer change (a late frame, a {@code clear} that cuts what was queued),
 * so it is written out and the window moves on. A frame that comes after its place was written is counted, not
 * placed.
 */
final class Track {

    /** Channels: the caller on the left, Parley on the right. */
    static final int CALLER = 0;
    static final int PARLEY = 1;
    /** Frames (one sample per channel) the window holds: 4 s. */
    static final int WINDOW_FRAMES = 4 * WavLayout.RATE;
    private static final long NANOS_PER_FRAME = 1_000_000_000L / WavLayout.RATE;

    final String callSid;
    /** Relative to the recordings folder. */
    final String relativePath;
    final long startNanos;

    private final short[] window = new short[WINDOW_FRAMES * WavLayout.CHANNELS];
    private final ByteBuffer out = ByteBuffer.allocate(WINDOW_FRAMES * WavLayout.BYTES_PER_FRAME)
            .order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel file;
    private Path part;
    /** Frames written to the file; the window begins here. */
    private long written;
    /** One past the last frame that holds audio of either party. */
    private long end;
    private long lateSamples;
    private boolean full;
    /** Set on the media path when the call ends. */
    private volatile boolean ended;

    Track(String callSid, String relativePath, long startNanos) {
        this.callSid = callSid;
        this.relativePath = relativePath;
        this.startNanos = startNanos;
    }

    void open(Path part) throws IOException {
        this.part = part;
        file = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        file.write(WavLayout.header(0), 0);
    }

    /** The call has ended: nothing more comes (said on the media path). */
    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    Path part() {
        return part;
    }

    /** The frame a {@link System#nanoTime()} falls on. */
    long frameAt(long nanos) {
        return Math.max(0, (nanos - startNanos) / NANOS_PER_FRAME);
    }

    /** Places μ-law audio on a channel from frame {@code at} on. */
    void put(int channel, long at, byte[] mulaw) throws IOException {
        at = Math.max(0, at);
        long stop = at + mulaw.length;
        if (full) {
            return;
        }
        if (stop - written > WINDOW_FRAMES) {
            writeUpTo(stop - WINDOW_FRAMES); // audio from far ahead: let the oldest go rather than lose this
        }
        for (int i = 0; i < mulaw.length; i++) {
            long frame = at + i;
            if (frame < written) {
                lateSamples++;
                continue;
            }
            window[slot(frame) + channel] = MuLaw.decode(mulaw[i]);
        }
        end = Math.max(end, stop);
    }

    /** Silences a channel from frame {@code from} on: audio sent that will now never play. */
    void cut(int channel, long from) {
        for (long frame = Math.max(from, written); frame < end; frame++) {
            window[slot(frame) + channel] = 0;
        }
    }

    /** Writes out everything before frame {@code settled}; it can no longer change. */
    void settled(long settled) throws IOException {
        writeUpTo(Math.min(settled, end));
    }

    /** Writes out everything, fixes the header and closes the file; returns the bytes of audio. */
    long finish() throws IOException {
        try {
            writeUpTo(end);
            file.force(true);
            return written * WavLayout.BYTES_PER_FRAME;
        } finally {
            file.close();
        }
    }

    /** Closes the file as it stands, after a failure; start-up repair makes the rest of it readable. */
    void abandon() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            // the failure being handled is the one to report
        }
    }

    long lateSamples() {
        return lateSamples;
    }

    private int slot(long frame) {
        return (int) (frame % WINDOW_FRAMES) * WavLayout.CHANNELS;
    }

    private void writeUpTo(long upTo) throws IOException {
        if (upTo <= written) {
            return;
        }
        if (upTo * WavLayout.BYTES_PER_FRAME > WavLayout.MAX_DATA_BYTES) {
            upTo = WavLayout.MAX_DATA_BYTES / WavLayout.BYTES_PER_FRAME;
            full = true;
        }
        while (written < upTo) {
            long chunkEnd = Math.min(upTo, written + WINDOW_FRAMES);
            out.clear();
            for (long frame = written; frame < chunkEnd; frame++) {
                int slot = slot(frame);
                out.putShort(window[slot]).putShort(window[slot + 1]);
                window[slot] = 0;
                window[slot + 1] = 0;
            }
            out.flip();
            long position = WavLayout.HEADER_BYTES + written * WavLayout.BYTES_PER_FRAME;
            while (out.hasRemaining()) {
                position += file.write(out, position);
            }
            written = chunkEnd;
        }
        WavLayout.writeSizes(file, written * WavLayout.BYTES_PER_FRAME);
    }
}
