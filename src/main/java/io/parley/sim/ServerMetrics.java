package io.parley.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads a few figures from the server's Prometheus {@code /metrics}: CPU time, heap, media clock health. */
final class ServerMetrics {

    static final String CPU_SECONDS = "cpu_processCpuTime_seconds";
    static final String HEAP_USED = "memory_usedHeap_bytes";
    static final String HEAP_COMMITTED = "memory_committedHeap_bytes";
    static final String LATE_TICKS = "parley_media_clock_late_ticks";
    static final String MAX_TICK_GAP = "parley_media_clock_max_gap_milliseconds";
    static final String SESSIONS = "parley_media_sessions";

    private final HttpClient http;
    private final URI metrics;

    ServerMetrics(HttpClient http, URI server) {
        this.http = http;
        this.metrics = URI.create(server + "/metrics");
    }

    /** Metric name (labels dropped) to value; empty when the server does not answer. */
    Map<String, Double> read() {
        Map<String, Double> values = new HashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return values;
            }
            for (String line : response.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                int brace = line.indexOf('{');
                String name = line.substring(0, brace > 0 && brace < space ? brace : space);
                try {
                    values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException e) {
                    // not a plain sample line
                }
            }
        } catch (Exception e) {
            // no figures from the server this time
        }
        return values;
    }

    static OptionalDouble get(Map<String, Double> values, String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
