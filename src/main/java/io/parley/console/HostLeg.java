package io.parley.console;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.media.Leg;
import io.parley.media.LiveInput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's leg in the studio: the browser's microphone in, what the studio says out, both as 20 ms frames of
 * PCM16 little-endian mono at 16 kHz (640 bytes). The studio mixes at the phone's 8 kHz: the microphone is
 * resampled down on arrival (the socket's thread; a frame's worth of arithmetic) and the mix up on its way out
 * (the clock's thread).
 */
final class HostLeg implements Leg {

    /** One 20 ms frame at 16 kHz, 16-bit. */
    static final int FRAME_BYTES = 640;
    /** At most 100 ms of the host's voice waits for the mix. */
    static final int MAX_BUFFERED_FRAMES = 5;

    private final String id;
    private final ConsoleLink link;
    private final LiveInput input = new LiveInput(MAX_BUFFERED_FRAMES);
    private final Resampler down = new Resampler(Pcm16.RATE_16K, Pcm16.RATE_8K);
    /** The microphone's frame as samples; the socket's thread only (a session's messages come one at a time). */
    private final short[] wide = new short[FRAME_BYTES / 2];
    private final Resampler up = new Resampler(Pcm16.RATE_8K, Pcm16.RATE_16K);
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();

    /** The host's ears (VAD and speech-to-text), or null when the models could not give them. */
    private volatile HostEars ears;

    HostLeg(String id, ConsoleLink link) {
        this.id = id;
        this.link = link;
    }

    void ears(HostEars ears) {
        this.ears = ears;
    }

    void closeEars() {
        HostEars listening = ears;
        ears = null;
        if (listening != null) {
            listening.close();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "host";
    }

    /** A frame from the microphone, already checked to be {@value #FRAME_BYTES} bytes; on the socket's thread. */
    void received(ByteBuffer frame, long arrivedNanos) {
        ByteBuffer le = frame.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < wide.length; i++) {
            wide[i] = le.getShort(le.position() + 2 * i);
        }
        short[] narrow = down.process(wide);
        input.push(narrow, 0, narrow.length, arrivedNanos);
        framesIn.incrementAndGet();
        HostEars listening = ears;
        if (listening != null) {
            listening.hear(narrow, arrivedNanos);
        }
    }

    @Override
    public boolean speak(short[] frame) {
        return input.pop(frame);
    }

    @Override
    public long spokenAtNanos() {
        return input.lastPoppedArrival();
    }

    @Override
    public void hear(short[] frame, long nowNanos) {
        short[] heard = up.process(frame);
        ByteBuffer out = ByteBuffer.allocate(heard.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : heard) {
            out.putShort(s);
        }
        out.flip();
        link.send(out);
        framesOut.incrementAndGet();
    }

    long framesIn() {
        return framesIn.get();
    }

    long framesOut() {
        return framesOut.get();
    }
}
