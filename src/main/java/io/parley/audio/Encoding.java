package io.parley.audio;

/** How samples are stored: the phone network's μ-law bytes, or the linear 16-bit samples models work on. */
public enum Encoding {
    /** G.711 μ-law, one byte a sample; on Twilio always 8 kHz mono. */
    MULAW,
    /** Signed 16-bit linear PCM, mono. */
    PCM16
}
