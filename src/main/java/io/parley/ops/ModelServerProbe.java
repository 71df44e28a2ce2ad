package io.parley.ops;

import io.parley.models.RemoteModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a model server answers, for readiness: {@code GET {url}/models}, which every OpenAI-compatible server
 * serves. The answer is kept for ten seconds, so frequent probes of the health endpoint do not load GPU servers.
 */
final class ModelServerProbe {

    private static final long KEEP_NANOS = Duration.ofSeconds(10).toNanos();

    private record Seen(String verdict, long at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    String check(RemoteModel server) {
        long now = System.nanoTime();
        Seen last = seen.get(server.service());
        if (last != null && now - last.at() < KEEP_NANOS) {
            return last.verdict();
        }
        String verdict = probe(server);
        seen.put(server.service(), new Seen(verdict, now));
        return verdict;
    }

    private String probe(RemoteModel server) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/models")).timeout(Duration.ofSeconds(2)).GET();
            server.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return "reachable (HTTP " + status + " in " + (System.nanoTime() - started) / 1_000_000 + " ms)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not checked (interrupted)";
        } catch (Exception e) {
            return "UNREACHABLE: " + e;
        }
    }
}
