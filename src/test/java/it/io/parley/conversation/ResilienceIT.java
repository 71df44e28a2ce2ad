package it.io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.remote.FakeModelServer;
import io.parley.models.remote.FakeModelServer.Fault;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a model server fails, for each of the three: the caller hears the spoken apology within 2 s, the call
 * stays up, and the next turn gets a real answer once the server has recovered. Then: the circuit breaker opens
 * and closes again, and nothing the faults touched is left behind (connections, requests, threads).
 *
 * <p>The test server runs the models' default timeouts; only its circuit breakers wait 2 s instead of 5.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static final Map<String, String> MODEL_NAMES = Map.of("stt", "speech-to-text", "llm", "language model",
            "tts", "text-to-speech");
    private static final String THREADS = "thread_count{mp_scope=\"base\",}";
    private static final java.util.regex.Pattern POOL = java.util.regex.Pattern.compile(
            "^threadpool_size\\{[^}]*pool=\"Default_Executor\"[^}]*\\} ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE);

    private static FakeModelServer models;
    private static double threadsBefore;

    @BeforeAll
    static void startModels() throws Exception {
        // GPU-like transcription (100 ms, what the fake's Vosk cannot do on two busy cores): the timeouts under test
        // are the other models', and the 2 s the caller may wait includes the transcription.
        models = FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        models.sttMillis = 100;
        models.transcriber(audio -> "Hello there.");
        models.replier(said -> "Fine, thank you.");
        threadsBefore = threadsOutsideThePool();
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (String service : List.of("stt", "llm", "tts")) {
            for (Fault fault : List.of(Fault.HANG, Fault.ERROR_500, Fault.ERROR_503, Fault.REFUSED, Fault.DRIP,
                    Fault.CUT_OFF, Fault.MALFORMED)) {
                cases.add(Arguments.of(service, fault));
            }
        }
        return cases.stream();
    }

    private static String failure(JsonObject turn) {
        return turn.containsKey("failure") && !turn.isNull("failure") ? turn.getString("failure") : "";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    @Order(1)
    void theCallerHearsTheApologyQuicklyAndTheNextTurnIsAnswered(String service, Fault fault) throws Exception {
        Path dir = Files.createTempDirectory("parley-" + service);
        models.fault(service, fault);
        // The first sentence ends at about 6 s and meets the fault; the second starts at about 12 s.
        CallResult call = callHealedAfter(9, "--say", "Hello there.", "--say", "How are you?",
                "--start-ms", "5000", "--pause-ms", "6000", "--duration", "16", "--record", dir.toString());
        assertTrue(call.ok(), call.error());
        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        System.out.println(service + " " + fault + ": " + turns + "; voice to voice " + call.turnLatenciesMillis());
        JsonObject failed = turns.stream().filter(t -> t.getString("speaker").equals("agent")
                && failure(t).startsWith(MODEL_NAMES.get(service))).findFirst().orElse(null);
        assertNotNull(failed, "an agent turn records the failure: " + turns);
        assertFalse(call.turnLatenciesMillis().isEmpty(), "the caller heard something after each turn");
        assertTrue(call.turnLatenciesMillis().get(0) <= 2000, "the apology within 2 s: " + call.turnLatenciesMillis());
        JsonObject last = turns.get(turns.size() - 1);
        assertEquals("agent", last.getString("speaker"), turns.toString());
        assertEquals("", failure(last), "the next turn is answered normally: " + last);
        assertEquals("Fine, thank you.", last.getString("text"));

        String heard = Conversations.transcribe(dir.resolve(call.callSid() + "-heard.wav"));
        assertTrue(heard.contains("sorry") && heard.contains("again"), "the apology was spoken: " + heard);
        assertTrue(heard.contains("fine"), "and then the answer: " + heard);
    }

    @Test
    @Order(2)
    void theCircuitBreakerOpensOnRepeatedFailuresAndClosesAfterRecovery() throws Exception {
        String method = "method=\"io.parley.models.remote.ModelCalls.transcribe\",mp_scope=\"base\",";
        String opened = "ft_circuitbreaker_opened_total{" + method + "}";
        String rejected = "ft_circuitbreaker_calls_total{circuitBreakerResult=\"circuitBreakerOpen\"," + method + "}";
        String succeeded = "ft_circuitbreaker_calls_total{circuitBreakerResult=\"success\"," + method + "}";
        double opened0 = ParleyServer.metric(ParleyServer.REMOTE, opened);
        double rejected0 = ParleyServer.metric(ParleyServer.REMOTE, rejected);
        int requests0 = models.requests("stt");

        models.fault("stt", Fault.ERROR_500);
        CallResult call = callHealedAfter(14, "--say", "Hello there.", "--say", "Hello again.",
                "--say", "How are you?", "--start-ms", "5000", "--pause-ms", "5000", "--duration", "24");
        assertTrue(call.ok(), call.error());
        List<JsonObject> turns = Conversations.turns(ParleyServer.REMOTE, call.callSid());
        System.out.println("Circuit breaker: " + turns);
        assertTrue(ParleyServer.metric(ParleyServer.REMOTE, opened) > opened0, "the breaker opened");
        assertTrue(ParleyServer.metric(ParleyServer.REMOTE, rejected) > rejected0,
                "and turned requests away without asking the server");
        assertTrue(turns.stream().anyMatch(t -> failure(t).contains("circuit breaker is open")), turns.toString());
        assertTrue(models.requests("stt") - requests0 >= 3, "the failures that opened it reached the server");
        JsonObject last = turns.get(turns.size() - 1);
        assertEquals("Fine, thank you.", last.getString("text"), "after recovery the breaker let a request through: " + last);
        assertEquals("", failure(last));
        assertTrue(ParleyServer.metric(ParleyServer.REMOTE, succeeded) > 0);
    }

    @Test
    @Order(3)
    void nothingIsLeftBehind() throws Exception {
        models.healthy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int connections;
        do {
            Thread.sleep(500);
            connections = connectionsTo(ParleyServer.FAKE_MODELS_PORT, ParleyServer.FAKE_MODELS_PORT + 2);
        } while ((connections > 0 || models.activeRequests() > 0) && System.nanoTime() < deadline);
        // Threads that come and go (a JDK helper finishing its task, a pool's idle worker timing out) are not a
        // leak: the fewest seen over a few seconds is what stays.
        double threadsAfter = threadsOutsideThePool();
        for (int i = 0; i < 5 && threadsAfter > threadsBefore; i++) {
            Thread.sleep(1000);
            threadsAfter = Math.min(threadsAfter, threadsOutsideThePool());
        }
        System.out.printf("After the faults: %d connections to the model servers, %d requests open, threads outside "
                + "Liberty's pool %.0f before and %.0f after%n", connections, models.activeRequests(), threadsBefore,
                threadsAfter);
        assertEquals(0, connections, "every connection to a model server is closed once idle");
        assertEquals(0, models.activeRequests());
        assertTrue(threadsBefore > 0 && threadsAfter <= threadsBefore,
                "threads outside Liberty's self-sizing pool: " + threadsBefore + " before, " + threadsAfter + " after");
    }

    /** One simulated call while a fault is on; the fake model servers heal {@code seconds} into it. */
    private static CallResult callHealedAfter(int seconds, String... simulatorOptions) throws Exception {
        ScheduledExecutorService healer = Executors.newSingleThreadScheduledExecutor();
        healer.schedule(models::healthy, seconds, TimeUnit.SECONDS);
        try {
            return Conversations.call(ParleyServer.REMOTE, simulatorOptions).calls().get(0);
        } finally {
            healer.shutdownNow();
            models.healthy();
        }
    }

    /**
     * The server JVM's threads less those of Liberty's default executor, which grows and shrinks by itself
     * (the calls' tasks and socket reads run there): what is left would show a thread something started and
     * never stopped.
     */
    private static double threadsOutsideThePool() {
        String body = ParleyServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ParleyServer.REMOTE
                + "/metrics")).GET().build()).body();
        java.util.regex.Matcher pool = POOL.matcher(body);
        assertTrue(pool.find(), "Liberty reports its default executor's size");
        java.util.regex.Matcher threads = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(THREADS)
                + " ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE).matcher(body);
        assertTrue(threads.find(), "the JVM reports its threads");
        return Double.parseDouble(threads.group(1)) - Double.parseDouble(pool.group(1));
    }

    /** Established TCP connections from this machine to ports {@code from}..{@code to} (Linux's /proc/net/tcp). */
    static int connectionsTo(int from, int to) throws IOException {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                int local = Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16);
                int remote = Integer.parseInt(fields[2].substring(fields[2].lastIndexOf(':') + 1), 16);
                boolean established = "01".equals(fields[3]);
                if (established && remote >= from && remote <= to && (local < from || local > to)) {
                    count++;
                }
            }
        }
        return count;
    }
}
