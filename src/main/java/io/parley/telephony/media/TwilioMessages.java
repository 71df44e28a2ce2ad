package io.parley.telephony.media;

import io.parley.logging.LogSafe;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Pure translation between media-stream JSON and {@link StreamEvent}/{@link StreamCommand}: no I/O, no state.
 * Every rejection is a {@link MalformedMessageException} that says what was wrong, and nothing else is thrown
 * (a fuzz test holds it to that). Messages are read by {@link WireReader} and written with JSON-B. Both
 * directions of both sides: the server parses events and writes commands; the call simulator, playing Twilio,
 * does the reverse.
 */
public final class TwilioMessages {

    /** Larger media payloads are refused (the decoded audio would be over 3 s). */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final Jsonb JSONB = JsonbBuilder.create();
    /** The keys of a telephone keypad, and the four of the extended one. */
    private static final String KEYS = "0123456789*#ABCD";

    private TwilioMessages() {
    }

    public static StreamEvent parse(String json) throws MalformedMessageException {
        WireMessage wire = read(json);
        long sequence = number(wire.sequenceNumber(), "sequenceNumber", -1);
        return switch (wire.event()) {
            case "connected" -> new StreamEvent.Connected(wire.protocol(), wire.version());
            case "start" -> start(wire, sequence);
            case "media" -> media(wire, sequence);
            case "dtmf" -> {
                WireMessage.Dtmf dtmf = require(wire.dtmf(), "dtmf");
                String digit = require(dtmf.digit(), "dtmf.digit");
                if (digit.length() != 1 || KEYS.indexOf(digit.charAt(0)) < 0) {
                    throw new MalformedMessageException("dtmf.digit " + LogSafe.quoted(digit) + " is not a key of a phone");
                }
                yield new StreamEvent.Dtmf(sequence, wire.streamSid(), dtmf.track(), digit);
            }
            case "mark" -> new StreamEvent.Mark(sequence, wire.streamSid(), require(require(wire.mark(), "mark").name(), "mark.name"));
            case "stop" -> {
                WireMessage.Stop stop = wire.stop();
                yield new StreamEvent.Stop(sequence, wire.streamSid(), stop == null ? null : stop.accountSid(),
                        stop == null ? null : stop.callSid());
            }
            default -> new StreamEvent.Unknown(wire.event());
        };
    }

    public static String write(StreamCommand command) {
        WireMessage wire;
        if (command instanceof StreamCommand.SendMedia media) {
            wire = WireMessage.outbound("media", media.streamSid(),
                    new WireMessage.Media(null, null, null, Base64.getEncoder().encodeToString(media.payload())), null);
        } else if (command instanceof StreamCommand.SendMark mark) {
            wire = WireMessage.outbound("mark", mark.streamSid(), null, new WireMessage.Mark(mark.name()));
        } else {
            wire = WireMessage.outbound("clear", command.streamSid(), null, null);
        }
        return JSONB.toJson(wire);
    }

    /** Twilio's side: what the call simulator parses. */
    public static StreamCommand parseCommand(String json) throws MalformedMessageException {
        WireMessage wire = read(json);
        String streamSid = require(wire.streamSid(), "streamSid");
        return switch (wire.event()) {
            case "media" -> {
                String payload = require(require(wire.media(), "media").payload(), "media.payload");
                try {
                    yield new StreamCommand.SendMedia(streamSid, Base64.getDecoder().decode(payload));
                } catch (IllegalArgumentException e) {
                    throw new MalformedMessageException("media.payload is not base64: " + e.getMessage(), e);
                }
            }
            case "mark" -> new StreamCommand.SendMark(streamSid, require(require(wire.mark(), "mark").name(), "mark.name"));
            case "clear" -> new StreamCommand.Clear(streamSid);
            default -> throw new MalformedMessageException("unknown command \"" + wire.event() + "\"");
        };
    }

    /** Twilio's side: what the call simulator sends, shaped as Twilio shapes it (numbers as strings). */
    public static String writeEvent(StreamEvent event) {
        WireMessage wire;
        if (event instanceof StreamEvent.Connected c) {
            wire = new WireMessage("connected", null, null, c.protocol(), c.version(), null, null, null, null, null);
        } else if (event instanceof StreamEvent.Start s) {
            var format = new WireMessage.MediaFormat(s.mediaFormat().encoding(), s.mediaFormat().sampleRate(),
                    s.mediaFormat().channels());
            wire = new WireMessage("start", text(s.sequenceNumber()), s.streamSid(), null, null,
                    new WireMessage.Start(s.accountSid(), s.streamSid(), s.callSid(), s.tracks(), format,
                            s.customParameters()), null, null, null, null);
        } else if (event instanceof StreamEvent.Media m) {
            wire = new WireMessage("media", text(m.sequenceNumber()), m.streamSid(), null, null, null,
                    new WireMessage.Media(m.track(), text(m.chunk()), text(m.timestamp()),
                            Base64.getEncoder().encodeToString(m.payload())), null, null, null);
        } else if (event instanceof StreamEvent.Dtmf d) {
            wire = new WireMessage("dtmf", text(d.sequenceNumber()), d.streamSid(), null, null, null, null,
                    new WireMessage.Dtmf(d.track(), d.digit()), null, null);
        } else if (event instanceof StreamEvent.Mark m) {
            wire = new WireMessage("mark", text(m.sequenceNumber()), m.streamSid(), null, null, null, null, null,
                    new WireMessage.Mark(m.name()), null);
        } else if (event instanceof StreamEvent.Stop s) {
            wire = new WireMessage("stop", text(s.sequenceNumber()), s.streamSid(), null, null, null, null, null,
                    null, new WireMessage.Stop(s.accountSid(), s.callSid()));
        } else {
            wire = new WireMessage(((StreamEvent.Unknown) event).event(), null, null, null, null, null, null, null,
                    null, null);
        }
        return JSONB.toJson(wire);
    }

    /** A message with an {@code event}, whatever else it has. */
    private static WireMessage read(String json) throws MalformedMessageException {
        WireMessage wire = WireReader.read(json);
        if (wire.event() == null) {
            throw new MalformedMessageException("no \"event\"");
        }
        return wire;
    }

    private static String text(long number) {
        return number < 0 ? null : Long.toString(number);
    }

    private static StreamEvent.Start start(WireMessage wire, long sequence) throws MalformedMessageException {
        WireMessage.Start start = require(wire.start(), "start");
        String streamSid = start.streamSid() != null ? start.streamSid() : wire.streamSid();
        WireMessage.MediaFormat format = start.mediaFormat();
        StreamEvent.MediaFormat mediaFormat = format == null
                ? new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1)
                : new StreamEvent.MediaFormat(format.encoding(), orDefault(format.sampleRate(), 8000),
                        orDefault(format.channels(), 1));
        return new StreamEvent.Start(sequence, require(streamSid, "start.streamSid"), start.accountSid(),
                require(start.callSid(), "start.callSid"), start.tracks() == null ? List.of() : List.copyOf(start.tracks()),
                mediaFormat, start.customParameters() == null ? Map.of() : Map.copyOf(start.customParameters()));
    }


    private static StreamEvent.Media media(WireMessage wire, long sequence) throws MalformedMessageException {
        WireMessage.Media media = require(wire.media(), "media");
        String payload = require(media.payload(), "media.payload");
        if (decodedLength(payload) > MAX_PAYLOAD_BYTES) {
            throw new MalformedMessageException("media.payload is over " + MAX_PAYLOAD_BYTES + " bytes");
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("media.payload is not base64: " + e.getMessage(), e);
        }
        return new StreamEvent.Media(sequence, wire.streamSid(), media.track(), number(media.chunk(), "media.chunk", -1),
                number(media.timestamp(), "media.timestamp", -1), audio);
    }

    /** The size base64 text decodes to, without decoding it. */
    private static long decodedLength(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) base64.length() * 3 / 4 - padding;
    }

    private static long number(String text, String field, long absent) throws MalformedMessageException {
        if (text == null) {
            return absent;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(field + " is not a number: " + LogSafe.quoted(text));
        }
    }

    private static <T> T require(T value, String field) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException("\"" + field + "\" is missing");
        }
        return value;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
