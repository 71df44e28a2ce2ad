package io.parley.studio;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;

/** The JSON object in a language model's answer (models wrap it in prose or code fences now and then). */
final class ModelJson {

    private ModelJson() {
    }

    static Optional<JsonObject> object(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(answer.substring(start, end + 1)))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
