package io.parley.media;

/**
 * One party's audio endpoint in a {@link MixingRoom}: a caller on the phone, the host in the browser, an AI voice.
 * On every frame of the room's clock the room asks each leg what its party said, and tells each leg what its
 * party hears: the mix of every other leg, never its own (mix-minus). Frames are 20 ms at 8 kHz, the phone's
 * band, which every party's audio reaches the phone in.
 *
 * <p>Both methods run on the media clock's thread: they must only copy and hand off, never wait.
 */
public interface Leg {

    /** Samples in one frame: 20 ms at 8 kHz. */
    int FRAME_SAMPLES = 160;

    /** Names the leg in logs and the studio's listing ("phone CA…", "host"). */
    String id();

    /**
     * Fills {@code frame} with the next 20 ms of what this party says.
     *
     * @return false when the party has nothing for this frame (silence; {@code frame} is then left as it was)
     */
    boolean speak(short[] frame);

    /**
     * When the frame last given by {@link #speak} reached the server ({@link System#nanoTime()}), for the room's
     * latency figures; 0 for a party whose audio is made here (an AI voice).
     */
    default long spokenAtNanos() {
        return 0;
    }

    /** What kind of party this is, for the room's latency figures: "phone", "host", "agent". */
    default String kind() {
        return "other";
    }

    /**
     * The next 20 ms this party hears. {@code frame} is the room's buffer, valid only during the call: copy what
     * is kept.
     *
     * @param nowNanos the clock's time for the frame ({@link System#nanoTime()})
     */
    void hear(short[] frame, long nowNanos);
}
