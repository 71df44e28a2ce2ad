package io.parley.sim;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What was said in one call, as the server recorded it ({@code GET /api/calls/{sid}}): who spoke, when (from the
 * answer), the words, and for each reply the server's voice-to-voice time.
 *
 * @param problem why there is no transcript (the API refused, the call is unknown), or null
 */
record CallTranscript(String callSid, List<Line> lines, String problem) {

    /** One turn. {@code note} says what else happened: interrupted, a model failure, keys pressed. */
    record Line(Duration at, String speaker, String text, Long voiceToVoiceMillis, String note) {
    }

    /**
     * For a call whose connection dropped without a close frame: the server's record, if it says the server
     * ended the call on purpose (media state ENDED), gives the reason; otherwise empty.
     */
    static Optional<String> endedByServer(HttpClient http, URI server, Optional<String> apiKey, String callSid) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + "/api/calls/" + callSid))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject call = reader.readObject();
                JsonValue media = call.get("media");
                if (media instanceof JsonObject m && "ENDED".equals(m.getString("state", ""))) {
                    return Optional.of(m.getString("stateReason", "ended"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no record to go by: the drop stays a failure
        }
        return Optional.empty();
    }

    /**
     * Reads the call from the server, once it has ended there (the last turns are recorded as the call ends, a
     * moment after the simulator hangs up); never throws: a problem is kept, to be printed.
     */
    static CallTranscript read(HttpClient http, URI server, Optional<String> apiKey, String callSid) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + "/api/calls/" + callSid))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (true) {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    return new CallTranscript(callSid, List.of(),
                            "the server's /api needs its key: --api-key or PARLEY_API_KEY");
                }
                if (response.statusCode() != 200) {
                    return new CallTranscript(callSid, List.of(), "GET /api/calls/" + callSid + " answered "
                            + response.statusCode());
                }
                if (!response.body().contains("\"active\":true") || System.nanoTime() > deadline) {
                    return parse(callSid, response.body());
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallTranscript(callSid, List.of(), "interrupted");
        } catch (Exception e) {
            return new CallTranscript(callSid, List.of(), "the server's /api could not be read: " + e.getMessage());
        }
    }

    /** The transcript in a call's JSON ({@code GET /api/calls/{sid}}). */
    static CallTranscript parse(String callSid, String json) {
        JsonObject call;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            call = reader.readObject();
        }
        Instant zero = Instant.parse(text(call, "answeredAt").orElseGet(() -> call.getString("createdAt")));
        List<Line> lines = new ArrayList<>();
        for (JsonObject turn : call.getJsonArray("turns").getValuesAs(JsonObject.class)) {
            Duration at = Duration.between(zero, Instant.parse(turn.getString("at")));
            Long v2v = turn.containsKey("timings") && turn.get("timings").getValueType() == JsonValue.ValueType.OBJECT
                    && turn.getJsonObject("timings").containsKey("voiceToVoice")
                    && !turn.getJsonObject("timings").isNull("voiceToVoice")
                    ? turn.getJsonObject("timings").getJsonNumber("voiceToVoice").longValue() : null;
            List<String> notes = new ArrayList<>();
            if (turn.getBoolean("interrupted", false)) {
                notes.add("interrupted" + text(turn, "unheard").map(u -> "; not heard: \"" + u + "\"").orElse(""));
            }
            text(turn, "keys").ifPresent(k -> notes.add("keys " + k));
            text(turn, "failure").ifPresent(f -> notes.add("failed: " + f));
            lines.add(new Line(at.isNegative() ? Duration.ZERO : at, turn.getString("speaker"), turn.getString("text", ""),
                    v2v, String.join(", ", notes)));
        }
        return new CallTranscript(callSid, List.copyOf(lines), null);
    }

    void print(PrintStream out) {
        out.println("Call " + callSid + (problem != null ? ": no transcript (" + problem + ")"
                : lines.isEmpty() ? ": nothing was said" : ""));
        for (Line line : lines) {
            long ms = line.at().toMillis();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %02d:%02d.%d  %-6s  %s",
                    ms / 60_000, ms / 1000 % 60, ms / 100 % 10, line.speaker(), line.text().isEmpty() ? "…" : line.text()));
            if (line.voiceToVoiceMillis() != null) {
                text.append("   [voice to voice ").append(line.voiceToVoiceMillis()).append(" ms]");
            }
            if (!line.note().isEmpty()) {
                text.append("   (").append(line.note()).append(')');
            }
            out.println(text);
        }
    }

    private static Optional<String> text(JsonObject o, String name) {
        return o.containsKey(name) && o.get(name).getValueType() == JsonValue.ValueType.STRING
                ? Optional.of(o.getString(name)).filter(s -> !s.isEmpty()) : Optional.empty();
    }
}
