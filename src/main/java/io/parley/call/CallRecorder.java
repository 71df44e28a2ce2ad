package io.parley.call;

import io.parley.media.OutboundAudio;
import java.util.Optional;

/**
 * Where one call's audio is recorded, both ways: the caller's as it arrives, and Parley's as it is played
 * ({@link OutboundAudio.Tap}). Every method is called on the media path (the call's executor, the media clock),
 * so an implementation only hands the audio off: it never waits, and it never does I/O.
 */
public interface CallRecorder extends OutboundAudio.Tap {

    /** Records nothing. */
    CallRecorder NONE = new CallRecorder() {
        @Override
        public void callerAudio(long streamMillis, long arrivedNanos, byte[] mulaw) {
        }

        @Override
        public void sent(long playStartNanos, byte[] mulaw) {
        }

        @Override
        public void cleared(long atNanos) {
        }

        @Override
        public void finish() {
        }
    };

    /**
     * Caller audio, μ-law at 8 kHz.
     *
     * @param streamMillis where it belongs in the stream (Twilio's {@code timestamp})
     * @param arrivedNanos when it arrived ({@link System#nanoTime()}), for a timestamp that cannot be trusted
     */
    void callerAudio(long streamMillis, long arrivedNanos, byte[] mulaw);

    /** The call is over: nothing more comes, and the recording is finished in the background. */
    void finish();

    /** A sentence to play before anything else, telling the caller the call is recorded; empty for none. */
    default Optional<String> notice() {
        return Optional.empty();
    }
}
