package io.parley.telephony.media;

import java.util.List;
import java.util.Map;

/**
 * What Twilio sends on a media stream, one record per event (TWILIO.md). Numbers that Twilio sends as
 * strings are numbers here; a {@code sequenceNumber} Twilio left out is -1.
 */
public sealed interface StreamEvent {

    /** The first message: the protocol Twilio speaks. */
    record Connected(String protocol, String version) implements StreamEvent {
    }

    record MediaFormat(String encoding, int sampleRate, int channels) {
    }

    /** The stream's metadata; {@code customParameters} are the TwiML {@code <Parameter>}s. */
    record Start(long sequenceNumber, String streamSid, String accountSid, String callSid, List<String> tracks,
                 MediaFormat mediaFormat, Map<String, String> customParameters) implements StreamEvent {
    }

    /** Caller audio: μ-law bytes, usually 160 (20 ms); {@code timestamp} is milliseconds from the stream's start. */
    record Media(long sequenceNumber, String streamSid, String track, long chunk, long timestamp, byte[] payload)
            implements StreamEvent {
    }

    record Dtmf(long sequenceNumber, String streamSid, String track, String digit) implements StreamEvent {
    }

    /** Twilio's echo of a mark we sent: the audio before it has played (or was cleared). */
    record Mark(long sequenceNumber, String streamSid, String name) implements StreamEvent {
    }

    record Stop(long sequenceNumber, String streamSid, String accountSid, String callSid) implements StreamEvent {
    }

    /** An event this version does not know; tolerated, as Twilio adds events over time. */
    record Unknown(String event) implements StreamEvent {
    }
}
