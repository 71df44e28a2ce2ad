package io.parley.audio;

/**
 * Mono audio that carries its own format, so an 8 kHz buffer is never handed to a 16 kHz consumer by mistake.
 */
public sealed interface Audio permits Pcm16, MuLawAudio {

    /** Samples of one 20 ms frame at 8 kHz: the unit of Twilio's media stream. */
    int FRAME_SAMPLES_8K = 160;
    int FRAME_MILLIS = 20;

    Encoding encoding();

    int sampleRate();

    int sampleCount();

    default long durationMillis() {
        return sampleCount() * 1000L / sampleRate();
    }
}
