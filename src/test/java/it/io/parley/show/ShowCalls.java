package it.io.parley.show;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.embedded.FreeTtsSpeech;
import io.parley.sim.CallResult;
import io.parley.sim.CallSimulator;
import io.parley.sim.SimOptions;
import io.parley.sim.SimulationReport;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Callers of the show line, as the simulator plays them: each says sentences (the embedded voice) at set times
 * into the call, and what they heard is kept as a WAV. And the console's side: the show's API and its events.
 */
final class ShowCalls {

    private static final FreeTtsSpeech VOICE = new FreeTtsSpeech(Runnable::run);
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

    private ShowCalls() {
    }

    /** A phone number no earlier run of the tests has called from, so that the caller is new to the server. */
    static String newNumber() {
        return "+1555" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A sentence said {@code atMillis} into the call. */
    record Line(int atMillis, String text) {
    }

    /** A caller's voice: silence, with each sentence at its time, 8 kHz. */
    static Pcm16 script(int totalMillis, Line... lines) {
        short[] out = new short[totalMillis * 8];
        for (Line line : lines) {
            short[] voice = spoken(line.text()).samples();
            System.arraycopy(voice, 0, out, line.atMillis() * 8, Math.min(voice.length, out.length - line.atMillis() * 8));
        }
        return new Pcm16(Pcm16.RATE_8K, out);
    }

    /** A sentence as the caller says it, 8 kHz. */
    static synchronized Pcm16 spoken(String text) {
        return Resampler.convert(VOICE.render(text), Pcm16.RATE_8K);
    }

    /** A call to the show line of {@code server} from {@code from}, running in the background. */
    static CompletableFuture<CallResult> dial(String server, String from, Pcm16 voice, Path heard, String... extra) {
        try {
            Files.createDirectories(heard);
            Path wav = Files.createTempFile(heard, "says-", ".wav");
            WavFile.write(wav, voice);
            List<String> args = new ArrayList<>(List.of("--url", server, "--public-url", ParleyServer.PUBLIC,
                    "--auth-token", ParleyServer.AUTH_TOKEN, "--account-sid", ParleyServer.ACCOUNT_SID,
                    "--api-key", ParleyServer.API_KEY, "--line", "show", "--from", from, "--wav", wav.toString(),
                    "--duration", String.valueOf(voice.sampleCount() / 8000.0), "--record", heard.toString(),
                    "--no-transcript"));
            args.addAll(List.of(extra));
            SimOptions options = SimOptions.parse(args.toArray(String[]::new));
            return CompletableFuture.supplyAsync(() -> {
                try {
                    SimulationReport report = CallSimulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
                    report.print(System.out);
                    return report.calls().get(0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CALLERS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the caller heard, 8 kHz. */
    static Pcm16 heard(Path folder, String callSid) throws Exception {
        return WavFile.read(folder.resolve(callSid + "-heard.wav"));
    }

    static HttpResponse<String> post(String server, String path) {
        return ParleyServer.send(ParleyServer.api(server, path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static HttpResponse<String> send(String server, String method, String path, String json) {
        return ParleyServer.send(ParleyServer.api(server, path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static JsonObject get(String server, String path) {
        HttpResponse<String> response = ParleyServer.send(ParleyServer.api(server, path).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return ParleyServer.json(response);
    }

    static List<JsonObject> queue(String server) {
        return get(server, "/api/show/queue").getJsonArray("queue").getValuesAs(JsonObject.class);
    }

    /** Waits until the queue satisfies {@code condition}; fails with the queue as it was. */
    static List<JsonObject> awaitQueue(String server, Predicate<List<JsonObject>> condition, Duration limit,
                                       String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<JsonObject> now = queue(server);
        while (!condition.test(now)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the queue is " + now);
            }
            Thread.sleep(250);
            now = queue(server);
        }
        return now;
    }

    /**
     * The caller from {@code from} once screened (waiting in line), by their number: an earlier test's caller may
     * still be in the queue for the few milliseconds between its simulator hanging up and the server seeing it.
     */
    static JsonObject awaitScreened(String server, String from, Duration limit) throws InterruptedException {
        return awaitQueue(server, q -> q.stream().anyMatch(c -> isScreened(c, from)), limit,
                "the caller from " + from + " to be screened").stream().filter(c -> isScreened(c, from)).findFirst()
                .orElseThrow();
    }

    /** The callers from these numbers once all are screened (waiting in line), in the queue's order. */
    static List<JsonObject> awaitScreened(String server, Duration limit, String... from) throws InterruptedException {
        Predicate<JsonObject> ours = c -> java.util.Arrays.stream(from).anyMatch(f -> isScreened(c, f));
        return awaitQueue(server, q -> q.stream().filter(ours).count() == from.length, limit,
                "the callers from " + String.join(", ", from) + " to be screened").stream().filter(ours).toList();
    }

    /** Waits for the caller from {@code from}, who has hung up, to be gone from the queue. */
    static void awaitGone(String server, String from, Duration limit) throws InterruptedException {
        awaitQueue(server, q -> q.stream().noneMatch(c -> from.equals(c.getString("from", ""))), limit,
                "the caller from " + from + " to leave the queue after hanging up");
    }

    private static boolean isScreened(JsonObject c, String from) {
        return from.equals(c.getString("from", "")) && "waiting".equals(c.getString("status"));
    }

    static JsonObject byName(List<JsonObject> queue, String name) {
        return queue.stream().filter(c -> name.equalsIgnoreCase(c.getString("displayName", "")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + queue));
    }

    /**
     * How well {@code heard} holds {@code sentence} somewhere between {@code fromMillis} and {@code toMillis}: the
     * median, over the sentence's voiced 200 ms pieces, of each piece's best normalised correlation within 100 ms
     * of where the whole sentence fits best. Near 1 where the sentence was heard, even with a frame slipped here and
     * there by jitter (which would halve the correlation of the whole); well below where it was not (other speech
     * in the same voice matches a piece now and then: 0.1 to 0.25 over a 14 s window).
     */
    static double hears(Pcm16 heard, Pcm16 sentence, int fromMillis, int toMillis) {
        short[] h = heard.samples();
        short[] s = sentence.samples();
        int coarse = bestOffset(h, s, fromMillis * 8, toMillis * 8, 0, s.length, 4);
        int at = bestOffset(h, s, coarse - 8, coarse + 8, 0, s.length, 1);
        List<Double> pieces = new ArrayList<>();
        for (int start = 0; start + 1600 <= s.length; start += 1600) {
            double energy = 0;
            for (int i = start; i < start + 1600; i++) {
                energy += (double) s[i] * s[i];
            }
            if (energy / 1600 < 250_000) {
                continue; // a pause between words
            }
            int best = bestOffset(h, s, at + start - 800, at + start + 800, start, 1600, 1);
            pieces.add(normalised(h, s, best, start, 1600));
        }
        Collections.sort(pieces);
        return pieces.isEmpty() ? 0 : pieces.get(pieces.size() / 2);
    }

    private static int bestOffset(short[] h, short[] s, int from, int to, int start, int length, int step) {
        int best = Math.max(0, from);
        double bestValue = -2;
        for (int offset = Math.max(0, from); offset <= to && offset + length <= h.length; offset += step) {
            double v = normalised(h, s, offset, start, length);
            if (v > bestValue) {
                bestValue = v;
                best = offset;
            }
        }
        return best;
    }

    private static double normalised(short[] h, short[] s, int offset, int start, int length) {
        double dot = 0;
        double hNorm = 0;
        double sNorm = 0;
        for (int i = 0; i < length && offset + i < h.length; i++) {
            dot += (double) s[start + i] * h[offset + i];
            hNorm += (double) h[offset + i] * h[offset + i];
            sNorm += (double) s[start + i] * s[start + i];
        }
        return hNorm > 0 && sNorm > 0 ? dot / Math.sqrt(hNorm * sNorm) : 0;
    }

    /** The show's Server-Sent Events as they come: each event's name and data. */
    static final class Events implements AutoCloseable {
        record Event(String name, JsonObject data) {
        }

        final List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<HttpResponse<Void>> stream;
        private volatile java.util.concurrent.Flow.Subscription subscription;

        Events(String server) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/show/events"))
                    .header("Authorization", "Bearer " + ParleyServer.API_KEY).header("Accept", "text/event-stream")
                    .GET().build();
            StringBuilder data = new StringBuilder();
            String[] name = {null};
            stream = ParleyServer.HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                    new java.util.concurrent.Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                            subscription = s;
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (line.startsWith("event:")) {
                                name[0] = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                data.append(line.substring(5).strip());
                            } else if (line.isEmpty() && name[0] != null) {
                                seen.add(new Event(name[0], (JsonObject) ParleyServer.parse(data.toString())));
                                name[0] = null;
                                data.setLength(0);
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
        }

        List<Event> named(String name) {
            synchronized (seen) {
                return seen.stream().filter(e -> e.name().equals(name)).toList();
            }
        }

        /** The {@code call} events' changes for one call, in order. */
        List<String> changes(String callSid) {
            return named("call").stream().filter(e -> e.data().getJsonObject("call").getString("callSid").equals(callSid))
                    .map(e -> e.data().getString("change")).toList();
        }

        /** Waits for an event; fails with what was seen. */
        Event await(Predicate<Event> wanted, Duration limit, String what) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    for (Event e : seen) {
                        if (wanted.test(e)) {
                            return e;
                        }
                    }
                }
                Thread.sleep(100);
            }
            List<Event> all;
            synchronized (seen) {
                all = new ArrayList<>(seen);
            }
            throw new AssertionError("no event " + what + " within " + limit + "; seen " + all.size() + " events, the"
                    + " last: " + all.subList(Math.max(0, all.size() - 8), all.size()));
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
            stream.cancel(true);
        }
    }
}
