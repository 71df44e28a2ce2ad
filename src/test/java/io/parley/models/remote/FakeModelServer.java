package io.parley.models.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.embedded.FreeTtsSpeech;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for GPU model servers, speaking the OpenAI-compatible wire formats Parley uses, with the latency
 * and faults of real ones. {@code POST /v1/audio/transcriptions} (multipart WAV → {@code {"text"}}), {@code POST
 * /v1/chat/completions} (SSE deltas, {@code [DONE]}), {@code POST /v1/audio/speech} (chunked raw PCM16 LE at
 * 24 kHz, spoken by FreeTTS so the audio is real speech), {@code GET /v1/models}. Each service has a latency
 * to its first byte, a gap between chunks, and a {@link Fault} that tests switch at will.
 */
public final class FakeModelServer implements AutoCloseable {

    /** What a service does wrong. */
    public enum Fault {
        /** Works. */
        NONE,
        /** Answers HTTP 500 with a JSON error. */
        ERROR_500,
        /** Answers HTTP 503 with a JSON error and {@code Retry-After} (an overloaded server, a warming model). */
        ERROR_503,
        /** Answers 200 at once, then sends one byte of its answer every two seconds. */
        DRIP,
        /** Nothing listens on the service's port (only with {@link #startPerService}). */
        REFUSED,
        /** Takes the request and never answers. */
        HANG,
        /** Starts the response, then goes silent (a stuck GPU). */
        STALL,
        /** Answers 200 with something that is not the promised format. */
        MALFORMED,
        /** Closes the connection in the middle of the response. */
        CUT_OFF
    }

    public static final int TTS_RATE = 24_000;

    private static final List<String> SERVICES = List.of("stt", "llm", "tts");

    /** The listener of each service: one for all, or one each ({@link #startPerService}). */
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final boolean perService;
    private final java.util.concurrent.ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-model-server");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<JsonObject> chatRequests = new CopyOnWriteArrayList<>();
    private final List<TimedRequest> timedChatRequests = new CopyOnWriteArrayList<>();

    /** A chat request and when it arrived ({@link System#nanoTime()} of this JVM). */
    public record TimedRequest(long nanos, JsonObject request) {
    }
    private final List<String> speechInputs = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch released = new CountDownLatch(1);
    private final FreeTtsSpeech voice = new FreeTtsSpeech(Runnable::run);
    /** What FreeTTS said for each input: load tests send the same few sentences thousands of times. */
    private final java.util.Map<String, byte[]> spoken = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Function<Pcm16, String> transcriber = audio -> "Hello there.";
    private volatile Function<JsonObject, String> structured = request -> "{}";
    private volatile Function<String, String> replier = said -> "I heard you say " + said.replaceAll("[.!?]+$", "")
            + ". Tell me more, please.";
    public volatile int sttMillis = 100;
    public volatile int llmFirstTokenMillis = 150;
    public volatile int llmTokenMillis = 15;
    public volatile int ttsFirstAudioMillis = 100;
    public volatile int ttsChunkMillis = 20;

    private FakeModelServer(boolean perService) {
        this.perService = perService;
    }

    /**
     * Runs the fake for benchmarks: {@code mvn -q test-compile exec:java@fake-models -Dexec.args="--port 9290
     * --stt-ms 100 --llm-first-token-ms 150 --llm-token-ms 20 --tts-first-audio-ms 100"}; it answers every
     * transcription with {@code --transcript} (default "What time is it?") and, with {@code --reply}, every chat
     * with that text.
     */
    public static void main(String[] args) throws Exception {
        int port = 9290;
        FakeModelServer fake = null;
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        port = Integer.parseInt(options.getOrDefault("--port", String.valueOf(port)));
        fake = start(port);
        fake.sttMillis = Integer.parseInt(options.getOrDefault("--stt-ms", "100"));
        fake.llmFirstTokenMillis = Integer.parseInt(options.getOrDefault("--llm-first-token-ms", "150"));
        fake.llmTokenMillis = Integer.parseInt(options.getOrDefault("--llm-token-ms", "20"));
        fake.ttsFirstAudioMillis = Integer.parseInt(options.getOrDefault("--tts-first-audio-ms", "100"));
        String transcript = options.getOrDefault("--transcript", "What time is it?");
        fake.transcriber(audio -> transcript);
        if (options.containsKey("--reply")) {
            String reply = options.get("--reply");
            fake.replier(said -> reply);
        }
        System.out.println("Fake model servers at " + fake.baseUrl() + ": STT " + fake.sttMillis + " ms, LLM first token "
                + fake.llmFirstTokenMillis + " ms then " + fake.llmTokenMillis + " ms per word, TTS first audio "
                + fake.ttsFirstAudioMillis + " ms. Ctrl-C stops.");
        Thread.currentThread().join();
    }

    /** Starts all three services on {@code port} of the loopback interface (0 for any free port). */
    public static FakeModelServer start(int port) throws IOException {
        FakeModelServer fake = new FakeModelServer(false);
        HttpServer http = fake.listen(port, SERVICES);
        SERVICES.forEach(service -> fake.servers.put(service, http));
        return fake;
    }

    /**
     * Starts each service on a port of its own, like separate GPU servers: speech-to-text on {@code firstPort},
     * the language model on the next, text-to-speech on the one after; then {@link Fault#REFUSED} can close one.
     */
    public static FakeModelServer startPerService(int firstPort) throws IOException {
        FakeModelServer fake = new FakeModelServer(true);
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            fake.ports.put(service, firstPort + i);
            fake.servers.put(service, fake.listen(firstPort + i, List.of(service)));
        }
        return fake;
    }

    private HttpServer listen(int port, List<String> services) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        if (services.contains("stt")) {
            http.createContext("/v1/audio/transcriptions", counted(this::transcription));
        }
        if (services.contains("llm")) {
            http.createContext("/v1/chat/completions", counted(this::chat));
        }
        if (services.contains("tts")) {
            http.createContext("/v1/audio/speech", counted(this::speech));
        }
        http.createContext("/v1/models", this::models);
        http.setExecutor(handlers);
        http.start();
        return http;
    }

    private com.sun.net.httpserver.HttpHandler counted(com.sun.net.httpserver.HttpHandler handler) {
        return exchange -> {
            active.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                active.decrementAndGet();
            }
        };
    }

    /** The base URL of all services (with {@link #start}). */
    public String baseUrl() {
        return baseUrl("stt");
    }

    public String baseUrl(String service) {
        return "http://127.0.0.1:" + servers.get(service).getAddress().getPort() + "/v1";
    }

    /** Requests being handled right now (hung ones included, until {@link #healthy()} lets them go). */
    public int activeRequests() {
        return active.get();
    }

    public void fault(String service, Fault fault) {
        if (fault == Fault.REFUSED) {
            if (!perService) {
                throw new IllegalStateException("REFUSED needs a port per service (startPerService)");
            }
            HttpServer http = servers.remove(service);
            if (http != null) {
                http.stop(0);
            }
        }
        faults.put(service, fault);
    }

    /** Every fault is healed: closed ports listen again, and hung requests are let go (their clients are gone). */
    public synchronized void healthy() {
        faults.clear();
        CountDownLatch hung = released;
        released = new CountDownLatch(1);
        hung.countDown();
        for (String service : SERVICES) {
            if (perService && !servers.containsKey(service)) {
                try {
                    servers.put(service, listen(ports.get(service), List.of(service)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("could not listen on " + ports.get(service) + " again", e);
                }
            }
        }
    }

    public void transcriber(Function<Pcm16, String> transcriber) {
        this.transcriber = transcriber;
    }

    public void replier(Function<String, String> replier) {
        this.replier = replier;
    }

    /**
     * How the fake answers a chat in JSON mode ({@code response_format} {@code json_object}), given the whole
     * request: streamed like any other answer. The default answers an empty object.
     */
    public void structured(Function<JsonObject, String> structured) {
        this.structured = structured;
    }

    /** Streams of {@code service} ("llm", "tts") whose client closed the connection before the end. */
    public int abandoned(String service) {
        return requests(service + "-abandoned");
    }

    public int requests(String service) {
        return requests.computeIfAbsent(service, s -> new AtomicInteger()).get();
    }

    /** Every chat request with its arrival time, in order. */
    public List<TimedRequest> timedChatRequests() {
        return List.copyOf(timedChatRequests);
    }

    /** The chat requests' JSON bodies, in order. */
    public List<JsonObject> chatRequests() {
        return chatRequests.stream().filter(r -> !isNotesRequest(r)).toList();
    }

    /**
     * The requests Parley's post-call notes made (a call's transcript to summarise), which {@link #chatRequests}
     * leaves out: they come after a call, not in its conversation.
     */
    public List<JsonObject> notesRequests() {
        return chatRequests.stream().filter(FakeModelServer::isNotesRequest).toList();
    }

    private static boolean isNotesRequest(JsonObject request) {
        var messages = request.getJsonArray("messages");
        return messages != null && !messages.isEmpty()
                && io.parley.memory.PostCallNotes.PROMPT.equals(messages.getJsonObject(0).getString("content", ""));
    }

    public List<String> speechInputs() {
        return List.copyOf(speechInputs);
    }

    @Override
    public void close() {
        released.countDown();
        new java.util.HashSet<>(servers.values()).forEach(http -> http.stop(0));
        handlers.shutdownNow();
    }

    // ---- speech-to-text ----

    private void transcription(HttpExchange exchange) throws IOException {
        count("stt");
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Pcm16 audio = wavPart(body, type);
            Fault fault = faults.getOrDefault("stt", Fault.NONE);
            if (fault == Fault.HANG) {
                hang();
                return;
            }
            sleep(sttMillis);
            switch (fault) {
                case ERROR_500 -> json(exchange, 500, "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}");
                case ERROR_503 -> unavailable(exchange);
                case DRIP -> drip(exchange, "application/json",
                        Json.createObjectBuilder().add("text", "Hello there.").build().toString());
                case MALFORMED -> json(exchange, 200, "<html>upstream busy</html>");
                case STALL, CUT_OFF -> {
                    exchange.sendResponseHeaders(200, 100);
                    exchange.getResponseBody().write("{\"te".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    if (fault == Fault.STALL) {
                        hang();
                    }
                }
                default -> json(exchange, 200, Json.createObjectBuilder().add("text", transcriber.apply(audio)).build().toString());
            }
        }
    }

    private static Pcm16 wavPart(byte[] body, String contentType) throws IOException {
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            throw new IOException("not multipart: " + contentType);
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int file = text.indexOf("name=\"file\"");
        int start = text.indexOf("\r\n\r\n", file) + 4;
        String boundary = "\r\n--" + contentType.substring(contentType.indexOf('=') + 1);
        int end = text.indexOf(boundary, start);
        if (file < 0 || start < 4 || end < 0) {
            throw new IOException("no file part in the multipart body");
        }
        return WavFile.read(new ByteArrayInputStream(body, start, end - start));
    }

    // ---- chat ----

    private void chat(HttpExchange exchange) throws IOException {
        count("llm");
        try (exchange) {
            JsonObject request;
            try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)))) {
                request = reader.readObject();
            }
            chatRequests.add(request);
            timedChatRequests.add(new TimedRequest(System.nanoTime(), request));
            var messages = request.getJsonArray("messages");
            String lastUser = messages.getValuesAs(JsonObject.class).stream()
                    .filter(m -> "user".equals(m.getString("role"))).reduce((a, b) -> b)
                    .map(m -> m.getString("content")).orElse("");
            Fault fault = faults.getOrDefault("llm", Fault.NONE);
            if (fault == Fault.HANG) {
                hang();
                return;
            }
            if (fault == Fault.ERROR_500) {
                sleep(llmFirstTokenMillis);
                json(exchange, 500, "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}");
                return;
            }
            if (fault == Fault.ERROR_503) {
                unavailable(exchange);
                return;
            }
            if (fault == Fault.DRIP) {
                drip(exchange, "text/event-stream", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Fine\"}}]}\n\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            // vLLM sends the role at once, before the first token.
            event(out, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            sleep(llmFirstTokenMillis);
            boolean jsonMode = request.containsKey("response_format")
                    && "json_object".equals(request.getJsonObject("response_format").getString("type", ""));
            String[] words = (jsonMode ? structured.apply(request) : replier.apply(lastUser)).split("(?<= )");
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    sleep(llmTokenMillis);
                }
                if (i == 2 && fault == Fault.STALL) {
                    hang();
                    return;
                }
                if (i == 2 && fault == Fault.CUT_OFF) {
                    return;
                }
                if (fault == Fault.MALFORMED && i == 1) {
                    event(out, "{\"choices\":[{\"delta\":{\"content\":");
                    continue;
                }
                event(out, Json.createObjectBuilder().add("id", "chatcmpl-1").add("object", "chat.completion.chunk")
                        .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                                .add("delta", Json.createObjectBuilder().add("content", words[i]))
                                .addNull("finish_reason"))).build().toString());
            }
            event(out, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, "[DONE]");
        } catch (IOException e) {
            count("llm-abandoned"); // the client went away in the middle: a cancelled reply
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- text-to-speech ----

    private byte[] render(String input) {
        return littleEndian(Resampler.convert(voice.render(input), TTS_RATE));
    }

    private void speech(HttpExchange exchange) throws IOException {
        count("tts");
        try (exchange) {
            JsonObject request;
            try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)))) {
                request = reader.readObject();
            }
            String input = request.getString("input");
            speechInputs.add(input);
            Fault fault = faults.getOrDefault("tts", Fault.NONE);
            if (fault == Fault.HANG) {
                hang();
                return;
            }
            sleep(ttsFirstAudioMillis);
            if (fault == Fault.ERROR_500) {
                json(exchange, 500, "{\"error\":{\"message\":\"voice not loaded\"}}");
                return;
            }
            if (fault == Fault.ERROR_503) {
                unavailable(exchange);
                return;
            }
            if (fault == Fault.MALFORMED) {
                json(exchange, 200, "{\"detail\":\"unsupported response_format\"}");
                return;
            }
            if (!"pcm".equals(request.getString("response_format", ""))) {
                json(exchange, 400, "{\"error\":{\"message\":\"this fake only speaks pcm\"}}");
                return;
            }
            byte[] pcm = spoken.size() < 1000 ? spoken.computeIfAbsent(input, this::render) : render(input);
            if (fault == Fault.DRIP) {
                drip(exchange, "audio/pcm", new String(pcm, 0, 64, StandardCharsets.ISO_8859_1));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "audio/pcm");
            // Cut off with a length promised and not delivered: closing a chunked response would end it cleanly.
            exchange.sendResponseHeaders(200, fault == Fault.CUT_OFF ? pcm.length : 0);
            OutputStream out = exchange.getResponseBody();
            int chunk = TTS_RATE / 10 * 2 + 1; // 100 ms, odd on purpose: samples split between chunks
            for (int offset = 0, n = 0; offset < pcm.length; offset += chunk, n++) {
                if (n > 0) {
                    sleep(ttsChunkMillis);
                }
                if (n == 2 && fault == Fault.STALL) {
                    hang();
                    return;
                }
                if (n == 2 && fault == Fault.CUT_OFF) {
                    return;
                }
                out.write(pcm, offset, Math.min(chunk, pcm.length - offset));
                out.flush();
            }
        } catch (IOException e) {
            count("tts-abandoned"); // the client went away in the middle: a cancelled synthesis
        }
    }

    private static byte[] littleEndian(Pcm16 audio) {
        ByteBuffer bytes = ByteBuffer.allocate(audio.sampleCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(audio.samples());
        return bytes.array();
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            json(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}");
        }
    }

    // ---- helpers ----

    private void count(String service) {
        requests.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void unavailable(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        json(exchange, 503, "{\"error\":{\"message\":\"the model is loading\",\"type\":\"service_unavailable\"}}");
    }

    /** Answers 200 at once, then one byte of {@code body} every two seconds until healed or the client leaves. */
    private void drip(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        CountDownLatch healed = released;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                if (healed.await(2, TimeUnit.SECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds the request until the fault is healed or the server closed (what a stuck GPU server does). */
    private void hang() {
        try {
            released.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
