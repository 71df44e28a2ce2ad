package io.parley.call;

import io.parley.audio.MuLaw;
import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.media.Leg;
import io.parley.media.LiveInput;
import io.parley.media.OutboundAudio;

/**
 * A caller's leg in a {@link io.parley.media.MixingRoom}: what they say comes from the call's inbound audio
 * (through a short jitter buffer), and what they hear goes to the call's paced {@link OutboundAudio}, a frame at
 * a time, sent at once.
 */
final class PhoneLeg implements Leg {

    /** At most 80 ms of a caller's speech waits for the mix; older audio is dropped. */
    static final int MAX_BUFFERED_FRAMES = 4;

    private final String id;
    private final OutboundAudio audio;
    private final LiveInput input = new LiveInput(MAX_BUFFERED_FRAMES);

    PhoneLeg(String callSid, OutboundAudio audio) {
        this.id = "phone " + callSid;
        this.audio = audio;
    }

    @Override
    public String id() {
        return id;
    }

    /** The caller's audio, 8 kHz, on the socket's thread; it reached the server at {@code arrivedNanos}. */
    void said(Pcm16 audio, long arrivedNanos) {
        input.push(audio.samples(), 0, audio.sampleCount(), arrivedNanos);
    }

    void reset() {
        input.reset();
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
    public String kind() {
        return "phone";
    }

    @Override
    public void hear(short[] frame, long nowNanos) {
        byte[] encoded = new byte[FRAME_SAMPLES];
        MuLaw.encode(frame, 0, encoded, 0, FRAME_SAMPLES);
        audio.playFrame(new MuLawAudio(encoded));
        audio.tick(System.nanoTime());
    }
}
