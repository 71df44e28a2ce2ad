package io.parley.sim;

import io.parley.audio.Pcm16;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Twilio against a Parley server: {@code --calls N} concurrent calls, each a signed webhook, a signed
 * media-stream handshake and the caller's audio in real time, with what comes back played, marks echoed and
 * {@code clear} obeyed, as Twilio does. Prints per-call and overall figures. See {@link SimOptions#USAGE}.
 */
public final class CallSimulator {

    /** The clock that sends caller frames and plays server audio for every call. */
    private static final long TICK_MILLIS = 5;
    /** Clock threads; calls are shared out between them. */
    private static final int CLOCKS = 2;

    private CallSimulator() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(SimOptions.USAGE);
            return;
        }
        SimOptions options;
        try {
            options = SimOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SimOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            SimulationReport report = run(options, System.out);
            report.print(System.out);
            System.exit(report.failedCalls() == 0 ? 0 : 1);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    /** Runs the calls to the end and returns their figures; {@code progress} gets a line now and then. */
    public static SimulationReport run(SimOptions options, PrintStream progress) throws IOException, InterruptedException {
        Pcm16 clip = CallerScript.clip(options);
        CallerAudio caller = new CallerAudio(clip, options.loop(), options.pauseMillis());
        WarmUp.run(caller, options);
        ExecutorService io = Executors.newFixedThreadPool(Math.max(2, Math.min(8, options.calls())), daemon("sim-io"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(io).build();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(CLOCKS + 1, daemon("sim-clock"));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("sim-metrics"));
        ExecutorService dialer = Executors.newFixedThreadPool(Math.min(16, options.calls()), daemon("sim-dial"));
        Histogram arrivalGaps = new Histogram();
        Histogram markWaits = new Histogram();
        Histogram tickGaps = new Histogram();
        ServerMetrics server = new ServerMetrics(http, options.url());
        Map<String, Double> before = options.serverMetrics() ? server.read() : Map.of();
        AtomicLong peakHeap = new AtomicLong();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        try {
            List<SimulatedCall> calls = new ArrayList<>();
            for (int i = 0; i < options.calls(); i++) {
                calls.add(new SimulatedCall(options, http, caller, arrivalGaps, markWaits));
            }
            for (int c = 0; c < CLOCKS; c++) {
                List<SimulatedCall> share = new ArrayList<>();
                for (int i = c; i < calls.size(); i += CLOCKS) {
                    share.add(calls.get(i));
                }
                long[] last = {0};
                clock.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    if (last[0] != 0) {
                        tickGaps.record(now - last[0]);
                    }
                    last[0] = now;
                    for (SimulatedCall call : share) {
                        try {
                            call.tick(now);
                        } catch (RuntimeException e) {
                            e.printStackTrace();
                        }
                    }
                }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (options.serverMetrics()) {
                // its own thread: a blocking read on the client's executor would hold up the calls' audio
                sampler.scheduleAtFixedRate(() -> ServerMetrics.get(server.read(), ServerMetrics.HEAP_USED)
                        .ifPresent(h -> peakHeap.accumulateAndGet((long) h, Math::max)), 1, 5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < calls.size(); i++) {
                SimulatedCall call = calls.get(i);
                long delay = (long) i * options.staggerMillis();
                CompletableFuture.runAsync(call::connect,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, dialer));
            }
            progress.printf("Simulating %d call%s against %s%n", calls.size(), calls.size() == 1 ? "" : "s", options.url());
            CompletableFuture<Void> all = CompletableFuture.allOf(calls.stream().map(SimulatedCall::done)
                    .toArray(CompletableFuture[]::new));
            long limitSeconds = (long) (calls.size() * options.staggerMillis() / 1000.0
                    + Math.max(options.durationSeconds(), caller.clipFrames() * 0.02 + 2) + 60);
            try {
                all.get(limitSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                progress.println("Some calls did not finish within " + limitSeconds + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause());
            }
            clock.shutdownNow();
            sampler.shutdownNow();
            double wall = (System.nanoTime() - started) / 1e9;
            double simCpu = (processCpuNanos() - cpuBefore) / 1e9;
            Map<String, Double> after = options.serverMetrics() ? server.read() : Map.of();
            List<CallResult> results = calls.stream().map(c -> c.done().isDone() ? c.figures()
                    : new CallResult(c.callSid(), "did not finish", 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN,
                    Double.NaN, List.of(), List.of(), 0, null))
                    .map(r -> CallResult.DROPPED.equals(r.error())
                            ? CallTranscript.endedByServer(http, options.url(), options.apiKey(), r.callSid())
                            .map(r::endedByServer).orElse(r)
                            : r)
                    .toList();
            List<CallTranscript> transcripts = options.transcripts() && !options.echo() && options.perCall()
                    ? results.stream().map(r -> CallTranscript.read(http, options.url(), options.apiKey(), r.callSid()))
                    .toList() : List.of();
            return new SimulationReport(options, results, arrivalGaps, markWaits, tickGaps, wall, simCpu, before,
                    after, peakHeap.get(), transcripts);
        } finally {
            clock.shutdownNow();
            sampler.shutdownNow();
            dialer.shutdownNow();
            io.shutdown();
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
