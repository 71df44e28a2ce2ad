package io.parley.api;

import io.parley.http.JsonDepth;
import io.parley.http.RequestRefusedException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Request bodies read as JSON objects with JSON-P, field by field. Not bound with JSON-B: Yasson skips a field it
 * does not know with Parsson's {@code skipObject}, which loops for ever at the end of a truncated body, so
 * {@code {"to":"+1…","x":{} would hold a request thread at full CPU. (The body's size is bounded before this,
 * by {@link ApiAccessFilter}.)
 */
final class JsonBodies {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final int MAX_DEPTH = 16;

    private JsonBodies() {
    }

    /** The body as a JSON object. @throws RequestRefusedException (400) for anything else */
    static JsonObject object(String body, String example) {
        if (body != null && JsonDepth.deeperThan(body, MAX_DEPTH)) {
            throw new RequestRefusedException(400, "The body nests deeper than " + MAX_DEPTH + " levels");
        }
        JsonStructure structure;
        try (JsonReader reader = READERS.createReader(new StringReader(body == null ? "" : body))) {
            structure = reader.read();
        } catch (JsonException | IllegalStateException | StackOverflowError e) {
            throw new RequestRefusedException(400, "Malformed JSON body: expected a JSON object such as " + example);
        }
        if (!(structure instanceof JsonObject object)) {
            throw new RequestRefusedException(400, "The body must be a JSON object such as " + example);
        }
        return object;
    }

    /** An optional text field. @throws RequestRefusedException (400) when it is there but not text */
    static Optional<String> text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString s)) {
            throw new RequestRefusedException(400, "\"" + field + "\" must be text");
        }
        return Optional.of(s.getString());
    }
}
