package io.parley.telephony.media;

import java.util.List;
import java.util.Map;

/**
 * The JSON of a media-stream message as Twilio writes it, one nullable field per property of any event;
 * JSON-B reads and writes it and leaves out nulls. Unknown properties are ignored when reading. Public only
 * because JSON-B needs it; use {@link TwilioMessages}.
 *
 * <p>Equality is identity: Yasson puts every object it writes into a hash set (to detect cycles), and a record's
 * own hashCode would hash the whole base64 payload of every frame, which showed as the top cost of writing media.
 */
public record WireMessage(String event, String sequenceNumber, String streamSid, String protocol, String version,
                   Start start, Media media, Dtmf dtmf, Mark mark, Stop stop) {

    public record Start(String accountSid, String streamSid, String callSid, List<String> tracks, MediaFormat mediaFormat,
                 Map<String, String> customParameters) {
    }

    public record MediaFormat(String encoding, Integer sampleRate, Integer channels) {
    }

    public record Media(String track, String chunk, String timestamp, String payload) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    public record Dtmf(String track, String digit) {
    }

    public record Mark(String name) {
    }

    public record Stop(String accountSid, String callSid) {
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    static WireMessage outbound(String event, String streamSid, Media media, Mark mark) {
        return new WireMessage(event, null, streamSid, null, null, null, media, null, mark, null);
    }
}
