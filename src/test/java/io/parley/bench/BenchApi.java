package io.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The benchmarks' calls to the server's API: JSON in and out, the API key when one is given. */
final class BenchApi {

    private BenchApi() {
    }

    /** {@code method path} with {@code json} (or no body); the answer's body, a refusal printed. */
    static String send(HttpClient http, String url, String key, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "application/json");
        if (!key.isBlank()) {
            b.header("Authorization", "Bearer " + key);
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            System.out.println(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static JsonObject read(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
