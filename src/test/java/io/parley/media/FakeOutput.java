package io.parley.media;

import java.util.ArrayList;
import java.util.List;

/**
 * A phone output that keeps what it was given, in order, and can be made to hang like a stalled socket. Shared by
 * the tests of several packages; Twilio's encoding of the same is tested in {@code telephony.media}.
 */
public final class FakeOutput implements PhoneOutput {

    /** What went out. */
    public sealed interface Sent {
    }

    public record Frame(byte[] mulaw) implements Sent {
    }

    public record Mark(String name) implements Sent {
    }

    public record Clear() implements Sent {
    }

    public final List<Sent> sent = new ArrayList<>();
    public volatile boolean stalled;
    public volatile long stalledSince;
    public volatile int closeCode;
    public volatile String closeReason;

    @Override
    public synchronized void audio(byte[] mulaw) {
        if (mulaw.length != OutboundAudio.FRAME_SAMPLES) {
            throw new AssertionError("a frame of " + mulaw.length + " bytes; frames are 20 ms, 160 bytes");
        }
        sent.add(new Frame(mulaw.clone()));
    }

    @Override
    public synchronized void mark(String name) {
        sent.add(new Mark(name));
    }

    @Override
    public synchronized void clear() {
        sent.add(new Clear());
    }

    @Override
    public int pending() {
        return stalled ? 1 : 0;
    }

    @Override
    public long busySince() {
        return stalled ? stalledSince : 0;
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeReason == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    public synchronized long count(Class<? extends Sent> type) {
        return sent.stream().filter(type::isInstance).count();
    }

    public synchronized Sent last() {
        return sent.get(sent.size() - 1);
    }

    public synchronized List<String> marks() {
        return sent.stream().filter(s -> s instanceof Mark).map(s -> ((Mark) s).name()).toList();
    }
}
