package io.parley.telephony.media;

import io.parley.http.JsonDepth;
import io.parley.logging.LogSafe;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a media-stream message into a {@link WireMessage} through JSON-P's object model, taking the fields it
 * knows and leaving the rest. Not through JSON-B: Yasson skips unknown properties with Parsson's
 * {@code skipObject}/{@code skipArray}, which loop for ever at the end of a truncated message (six bytes,
 * {@code {"x":{}, held a thread at full CPU), and a media stream takes any text from whoever opened it.
 */
final class WireReader {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    /** Twilio's messages nest three deep ({@code start.customParameters}); anything far deeper is refused unread. */
    static final int MAX_DEPTH = 8;

    private WireReader() {
    }

    static WireMessage read(String json) throws MalformedMessageException {
        JsonObject o = object(json);
        return new WireMessage(text(o, "event"), text(o, "sequenceNumber"), text(o, "streamSid"), text(o, "protocol"),
                text(o, "version"), start(object(o, "start")), media(object(o, "media")), dtmf(object(o, "dtmf")),
                mark(object(o, "mark")), stop(object(o, "stop")));
    }

    private static JsonObject object(String json) throws MalformedMessageException {
        if (JsonDepth.deeperThan(json, MAX_DEPTH)) {
            throw new MalformedMessageException("not a media-stream JSON object: nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonStructure structure;
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            structure = reader.read();
        } catch (JsonException e) {
            throw new MalformedMessageException("not a media-stream JSON object: " + LogSafe.text(e.getMessage(), 200), e);
        } catch (RuntimeException | StackOverflowError e) {
            // JSON-P promises JsonException; a nesting too deep for the stack, or any other fault of the parser on
            // odd input, is the same refusal to the stream
            throw new MalformedMessageException("not a media-stream JSON object (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!(structure instanceof JsonObject o)) {
            throw new MalformedMessageException("not a media-stream JSON object: a JSON array, not an object");
        }
        return o;
    }

    private static WireMessage.Start start(JsonObject s) throws MalformedMessageException {
        if (s == null) {
            return null;
        }
        JsonObject format = object(s, "mediaFormat");
        return new WireMessage.Start(text(s, "accountSid"), text(s, "streamSid"), text(s, "callSid"), tracks(s),
                format == null ? null : new WireMessage.MediaFormat(text(format, "encoding"),
                        integer(format, "sampleRate", "start.mediaFormat"), integer(format, "channels", "start.mediaFormat")),
                parameters(s));
    }

    private static WireMessage.Media media(JsonObject m) throws MalformedMessageException {
        return m == null ? null : new WireMessage.Media(text(m, "track"), text(m, "chunk"), text(m, "timestamp"),
                text(m, "payload"));
    }

    private static WireMessage.Dtmf dtmf(JsonObject d) throws MalformedMessageException {
        return d == null ? null : new WireMessage.Dtmf(text(d, "track"), text(d, "digit"));
    }

    private static WireMessage.Mark mark(JsonObject m) throws MalformedMessageException {
        return m == null ? null : new WireMessage.Mark(text(m, "name"));
    }

    private static WireMessage.Stop stop(JsonObject s) throws MalformedMessageException {
        return s == null ? null : new WireMessage.Stop(text(s, "accountSid"), text(s, "callSid"));
    }

    private static List<String> tracks(JsonObject start) throws MalformedMessageException {
        JsonValue value = start.get("tracks");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw new MalformedMessageException("\"start.tracks\" is not a list");
        }
        List<String> tracks = new ArrayList<>(array.size());
        for (JsonValue track : array) {
            if (!(track instanceof JsonString s)) {
                throw new MalformedMessageException("\"start.tracks\" holds something other than text");
            }
            tracks.add(s.getString());
        }
        return tracks;
    }

    private static Map<String, String> parameters(JsonObject start) throws MalformedMessageException {
        JsonObject parameters = object(start, "customParameters");
        if (parameters == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> p : parameters.entrySet()) {
            String value = scalar(p.getValue());
            if (value == null) {
                throw new MalformedMessageException("\"start.customParameters." + LogSafe.text(p.getKey())
                        + "\" is not text");
            }
            values.put(p.getKey(), value);
        }
        return values;
    }

    private static JsonObject object(JsonObject o, String name) throws MalformedMessageException {
        JsonValue value = o.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedMessageException("\"" + name + "\" is not an object");
        }
        return object;
    }

    /** A field Twilio sends as a string (numbers included); a number or a boolean is taken as its text. */
    private static String text(JsonObject o, String name) throws MalformedMessageException {
        JsonValue value = o.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String text = scalar(value);
        if (text == null) {
            throw new MalformedMessageException("\"" + name + "\" is not text");
        }
        return text;
    }

    private static Integer integer(JsonObject o, String name, String where) throws MalformedMessageException {
        JsonValue value = o.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        try {
            if (value instanceof JsonNumber n) {
                return n.intValueExact();
            }
            if (value instanceof JsonString s) {
                return Integer.valueOf(s.getString().strip());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // below
        }
        throw new MalformedMessageException("\"" + where + "." + name + "\" is not a whole number");
    }

    /** A string, number or boolean as text; null for anything else (null, an object, a list). */
    private static String scalar(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        return null;
    }
}
