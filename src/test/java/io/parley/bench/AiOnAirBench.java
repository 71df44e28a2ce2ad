package io.parley.bench;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.sim.CallSimulator;
import io.parley.sim.SimOptions;
import io.parley.sim.SimulationReport;
import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * AI on air, measured by the server: two simulated callers taken on air, a host client on {@code WS /console/audio},
 * two personas (the co-host and an AI caller) in the studio. First the manual trigger, {@code --triggers} times
 * (the personas in turn, the people quiet): from the request to the AI's first frame in the room, which the callers'
 * legs send at once. Then auto mode for {@code --auto-seconds}: the host says a sentence now and then, and the
 * server times the end of the host's speech to the AI's first frame. The server's CPU over the whole run (its
 * {@code /metrics}) is the studio's cost with a host, two callers and two personas.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.parley.bench.AiOnAirBench -Dexec.classpathScope=test \
 *   -Dexec.args="--url http://localhost:9080 --api-key … --auth-token … --public-url …"</pre>
 */
public final class AiOnAirBench {

    private AiOnAirBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--url", "http://localhost:9080", "--triggers", "20",
                "--auto-seconds", "120"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        String url = o.get("--url");
        String key = o.getOrDefault("--api-key", System.getenv().getOrDefault("PARLEY_API_KEY", ""));
        int triggers = Integer.parseInt(o.get("--triggers"));
        int autoSeconds = Integer.parseInt(o.get("--auto-seconds"));
        HttpClient http = HttpClient.newHttpClient();
        BenchApi.send(http, url, key, "PUT", "/api/show", "{\"onAir\": true}");
        BenchApi.send(http, url, key, "PUT", "/api/show/ai/mode", "{\"mode\": \"manual\"}");
        int callSeconds = 20 + triggers * 6 + autoSeconds + 20;

        List<CompletableFuture<SimulationReport>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> sim = new ArrayList<>(List.of("--url", url, "--line", "show", "--from",
                    String.format("+1555%07d", 3_000_000 + i), "--say", "I have been listening for years.",
                    "--start-ms", "12000", "--duration", String.valueOf(callSeconds), "--no-transcript"));
            o.entrySet().stream().filter(e -> e.getKey().equals("--auth-token") || e.getKey().equals("--public-url"))
                    .forEach(e -> sim.addAll(List.of(e.getKey(), e.getValue())));
            SimOptions options = SimOptions.parse(sim.toArray(String[]::new));
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return CallSimulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            Thread.sleep(300);
        }
        Thread.sleep(18_000);
        JsonObject queue = BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/show/queue", null));
        for (var call : queue.getJsonArray("queue").getValuesAs(JsonObject.class)) {
            BenchApi.send(http, url, key, "POST", "/api/show/queue/" + call.getString("callSid") + "/take", null);
        }
        List<Long> personas = new ArrayList<>();
        for (var p : BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/personas", null)).getJsonArray("personas")
                .getValuesAs(JsonObject.class)) {
            if (personas.size() < 2 && (personas.isEmpty() ? p.getString("role").equals("co-host")
                    : p.getString("role").equals("caller"))) {
                personas.add(p.getJsonNumber("id").longValue());
                BenchApi.send(http, url, key, "PUT", "/api/show/ai/personas/" + personas.get(personas.size() - 1), null);
            }
        }

        FreeTtsSpeech voice = new FreeTtsSpeech(Runnable::run);
        ConcurrentLinkedQueue<short[]> toSay = new ConcurrentLinkedQueue<>();
        WebSocket host = http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create(url.replace("http", "ws") + "/console/audio"), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data,
                                                                           boolean last) {
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        short[][] saying = {null};
        int[] said = {0};
        clock.scheduleAtFixedRate(() -> {
            ByteBuffer out = ByteBuffer.allocate(640).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 320; i++) {
                if (saying[0] == null) {
                    saying[0] = toSay.poll();
                    said[0] = 0;
                }
                short s = 0;
                if (saying[0] != null) {
                    s = saying[0][said[0]++];
                    if (said[0] == saying[0].length) {
                        saying[0] = null;
                    }
                }
                out.putShort(s);
            }
            out.flip();
            // The JDK's WebSocket client masks through the buffer's byte order: send a big-endian view.
            host.sendBinary(out.order(ByteOrder.BIG_ENDIAN), true).join();
        }, 0, 20, TimeUnit.MILLISECONDS);

        double cpuBefore = cpuSeconds(http, url);
        long start = System.nanoTime();
        for (int i = 0; i < triggers; i++) {
            BenchApi.send(http, url, key, "POST", "/api/show/ai/respond", "{\"persona\": " + personas.get(i % personas.size())
                    + "}");
            Thread.sleep(6_000);
        }
        JsonObject manual = BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/show", null)).getJsonObject("ai");
        System.out.println("Manual trigger to the AI's first frame (ms, server side): "
                + manual.getJsonObject("firstAudioMillis"));

        BenchApi.send(http, url, key, "PUT", "/api/show/ai/mode", "{\"mode\": \"auto\"}");
        String[] lines = {"What do you make of that, Max?", "How would you have handled it?",
                "Is that something you have seen before?"};
        long autoUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(autoSeconds);
        for (int i = 0; System.nanoTime() < autoUntil; i++) {
            toSay.add(Resampler.convert(voice.render(lines[i % lines.length]), Pcm16.RATE_16K).samples());
            Thread.sleep(15_000);
        }
        JsonObject auto = BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/show", null)).getJsonObject("ai");
        double cpuAfter = cpuSeconds(http, url);
        double elapsed = (System.nanoTime() - start) / 1e9;
        clock.shutdownNow();
        BenchApi.send(http, url, key, "PUT", "/api/show/ai/mode", "{\"mode\": \"manual\"}");
        System.out.println("Auto mode, the end of the host's speech to the AI's first frame (ms, server side): "
                + auto.getJsonObject("autoReplyMillis"));
        System.out.println("Barge-ins (ms): " + auto.getJsonObject("bargeInMillis"));
        double cpu = (cpuAfter - cpuBefore) / elapsed;
        System.out.printf("Server CPU with the host, two callers on air and two personas: %.0f %% of one core over"
                + " %.0f s%n", cpu * 100, elapsed);
        host.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        for (long id : personas) {
            BenchApi.send(http, url, key, "DELETE", "/api/show/ai/personas/" + id, null);
        }
        for (CompletableFuture<SimulationReport> call : calls) {
            call.get(callSeconds + 120L, TimeUnit.SECONDS).print(System.out);
        }
        BenchApi.send(http, url, key, "PUT", "/api/show", "{\"onAir\": false}");
        System.exit(0);
    }

    /** The server process's CPU time so far ({@code cpu_processCpuTime_seconds} of its {@code /metrics}). */
    private static double cpuSeconds(HttpClient http, String url) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).header("Accept", "text/plain")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cpu_processCpuTime_seconds")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no cpu_processCpuTime_seconds in " + url + "/metrics");
    }
}
