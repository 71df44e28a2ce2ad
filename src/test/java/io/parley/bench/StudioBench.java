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
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The studio's latency, measured by the server: simulated callers on the show line are taken on air, a host client
 * speaks into {@code WS /console/audio} in real time (a FreeTTS sentence on a loop, 20 ms frames at 16 kHz), the
 * callers talk too, and at the end the server's own figures ({@code GET /api/show}: from a frame's arrival to the
 * mix handed to every other party, per kind of speaker) are printed with the host client's frame counts.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.parley.bench.StudioBench -Dexec.classpathScope=test \
 *   -Dexec.args="--url http://localhost:9080 --callers 2 --seconds 60"</pre>
 */
public final class StudioBench {

    private StudioBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--url", "http://localhost:9080", "--callers", "2",
                "--seconds", "60"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        String url = o.get("--url");
        String key = o.getOrDefault("--api-key", System.getenv().getOrDefault("PARLEY_API_KEY", ""));
        int callers = Integer.parseInt(o.get("--callers"));
        int seconds = Integer.parseInt(o.get("--seconds"));
        HttpClient http = HttpClient.newHttpClient();
        BenchApi.send(http, url, key, "PUT", "/api/show", "{\"onAir\": true}");

        List<CompletableFuture<SimulationReport>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            List<String> sim = new ArrayList<>(List.of("--url", url, "--line", "show", "--from",
                    String.format("+1555%07d", 2_000_000 + i), "--say", "The weather was lovely this afternoon.",
                    "--loop", "--pause-ms", String.valueOf(2500 + 700 * i), "--start-ms", "12000",
                    "--duration", String.valueOf(seconds + 20), "--no-transcript"));
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
        Thread.sleep(4000);
        JsonObject queue = BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/show/queue", null));
        for (var call : queue.getJsonArray("queue").getValuesAs(JsonObject.class)) {
            BenchApi.send(http, url, key, "POST", "/api/show/queue/" + call.getString("callSid") + "/take", null);
        }

        Pcm16 voice = Resampler.convert(new FreeTtsSpeech(Runnable::run).render(
                "Good evening, and welcome to the show. Our first caller is on the line."), Pcm16.RATE_16K);
        short[] loop = new Pcm16(Pcm16.RATE_16K, concat(voice.samples(), new short[16_000])).samples();
        AtomicLong received = new AtomicLong();
        WebSocket host = http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create(url.replace("http", "ws") + "/console/audio"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        received.incrementAndGet();
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            int frame = (int) (sent.getAndIncrement() % (loop.length / 320));
            ByteBuffer out = ByteBuffer.allocate(640).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 320; i++) {
                out.putShort(loop[frame * 320 + i]);
            }
            out.flip();
            // The JDK's WebSocket client masks through the buffer's byte order: a little-endian buffer's bytes
            // would arrive swapped in groups of eight.
            host.sendBinary(out.order(ByteOrder.BIG_ENDIAN), true).join();
        }, 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(seconds * 1000L);
        clock.shutdownNow();
        double elapsed = (System.nanoTime() - start) / 1e9;
        JsonObject show = BenchApi.read(BenchApi.send(http, url, key, "GET", "/api/show", null));
        host.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        System.out.printf("Studio: %d callers on air and the host for %.0f s; the host sent %d frames, got %d%n",
                show.getJsonArray("callersOnAir").size(), elapsed, sent.get(), received.get());
        System.out.println("Server side, a frame's arrival to the mix handed to every other party (ms): "
                + show.getJsonObject("studioLatencyMillis"));
        for (CompletableFuture<SimulationReport> call : calls) {
            call.get(seconds + 120L, TimeUnit.SECONDS).print(System.out);
        }
        BenchApi.send(http, url, key, "PUT", "/api/show", "{\"onAir\": false}");
        System.exit(0);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
