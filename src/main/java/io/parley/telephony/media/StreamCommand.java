package io.parley.telephony.media;

/** What Parley sends on a bidirectional media stream. */
public sealed interface StreamCommand {

    String streamSid();

    /** Audio for the caller: μ-law 8 kHz bytes, no header; Twilio buffers and plays them in order. */
    record SendMedia(String streamSid, byte[] payload) implements StreamCommand {
    }

    /** Twilio echoes this name back once the audio sent before it has played. */
    record SendMark(String streamSid, String name) implements StreamCommand {
    }

    /** Drops the audio Twilio has buffered and echoes every pending mark. */
    record Clear(String streamSid) implements StreamCommand {
    }
}
