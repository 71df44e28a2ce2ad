package io.parley.sim;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Everything a simulation measured, and how it is printed. */
public record SimulationReport(SimOptions options, List<CallResult> calls, Histogram replyFrameGaps,
                               Histogram markWaits, Histogram simulatorTickGaps, double wallSeconds,
                               double simulatorCpuSeconds, Map<String, Double> serverBefore,
                               Map<String, Double> serverAfter, long serverPeakHeapBytes,
                               List<CallTranscript> transcripts) {

    public long failedCalls() {
        return calls.stream().filter(c -> !c.ok()).count();
    }

    public long total(java.util.function.ToLongFunction<CallResult> figure) {
        return calls.stream().mapToLong(figure).sum();
    }

    public void print(PrintStream out) {
        for (CallTranscript transcript : transcripts) {
            out.println();
            transcript.print(out);
        }
        if (options.perCall()) {
            for (CallResult c : calls) {
                out.println(line(c));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%d call%s of %s against %s%s%n", calls.size(), calls.size() == 1 ? "" : "s",
                options.durationSeconds() > 0 ? options.durationSeconds() + " s" : "one clip",
                options.url(), options.echo() ? " (echo line test)" : "");
        out.printf(Locale.ROOT, "  completed         %d, failed %d%n", calls.size() - failedCalls(), failedCalls());
        calls.stream().filter(c -> !c.ok()).limit(5).forEach(c -> out.println("    " + c.callSid() + ": " + c.error()));
        out.printf(Locale.ROOT, "  frames            sent %d, received %d, played %d%s%n", total(CallResult::framesSent),
                total(CallResult::framesReceived), total(CallResult::framesPlayed),
                options.echo() ? ", lost " + total(CallResult::framesLost) : "");
        out.printf(Locale.ROOT, "  underruns         %d (%d frames of gap) in %d calls%n", total(CallResult::underruns),
                total(CallResult::underrunFrames), calls.stream().filter(c -> c.underruns() > 0).count());
        out.printf(Locale.ROOT, "  reply frame gaps  p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d gaps)%n",
                replyFrameGaps.percentileMillis(0.5), replyFrameGaps.percentileMillis(0.99),
                replyFrameGaps.maxMillis(), replyFrameGaps.count());
        out.printf(Locale.ROOT, "  marks             %d received, %d echoed; wait before echo p50 %.0f ms, p99 %.0f ms%n",
                total(CallResult::marksReceived), total(CallResult::marksEchoed), markWaits.percentileMillis(0.5),
                markWaits.percentileMillis(0.99));
        out.printf(Locale.ROOT, "  clears            %d (%d buffered frames dropped)%n", total(CallResult::clears),
                total(CallResult::framesCleared));
        if (options.echo()) {
            double[] lags = calls.stream().filter(c -> !Double.isNaN(c.echoLagMillis()))
                    .mapToDouble(CallResult::echoLagMillis).sorted().toArray();
            double[] corr = calls.stream().filter(c -> !Double.isNaN(c.echoCorrelation()))
                    .mapToDouble(CallResult::echoCorrelation).sorted().toArray();
            if (lags.length > 0) {
                out.printf(Locale.ROOT, "  echo delay        p50 %.0f ms, max %.0f ms; correlation min %.3f, median %.3f%n",
                        lags[lags.length / 2], lags[lags.length - 1], corr[0], corr[corr.length / 2]);
            }
        } else {
            long[] turns = calls.stream().flatMap(c -> c.turnLatenciesMillis().stream()).mapToLong(Long::longValue)
                    .sorted().toArray();
            if (turns.length > 0) {
                out.printf(Locale.ROOT, "  voice to voice    p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d turns)%n",
                        turns[turns.length / 2], rank(turns, 0.95), rank(turns, 0.99), turns[turns.length - 1],
                        turns.length);
            } else {
                out.println("  voice to voice    no replies heard after a caller turn");
            }
            long[] bargeIns = calls.stream().flatMap(c -> c.bargeInMillis().stream()).mapToLong(Long::longValue)
                    .sorted().toArray();
            if (bargeIns.length > 0) {
                out.printf(Locale.ROOT, "  barge-in          speech onset to clear: p50 %d ms, p95 %d ms, max %d ms "
                                + "(%d interruptions)%n", bargeIns[bargeIns.length / 2], rank(bargeIns, 0.95),
                        bargeIns[bargeIns.length - 1], bargeIns.length);
            }
        }
        out.printf(Locale.ROOT, "  simulator         CPU %.1f s in %.1f s (%.0f%% of one core); its clock ticked late by "
                        + "up to %.1f ms (p99 gap %.1f ms)%n", simulatorCpuSeconds, wallSeconds,
                100 * simulatorCpuSeconds / wallSeconds, simulatorTickGaps.maxMillis(),
                simulatorTickGaps.percentileMillis(0.99));
        if (!serverAfter.isEmpty()) {
            OptionalDouble cpu0 = ServerMetrics.get(serverBefore, ServerMetrics.CPU_SECONDS);
            OptionalDouble cpu1 = ServerMetrics.get(serverAfter, ServerMetrics.CPU_SECONDS);
            String cpu = cpu0.isPresent() && cpu1.isPresent()
                    ? String.format(Locale.ROOT, "CPU %.1f s (%.0f%% of one core)", cpu1.getAsDouble() - cpu0.getAsDouble(),
                    100 * (cpu1.getAsDouble() - cpu0.getAsDouble()) / wallSeconds) : "CPU unknown";
            out.printf(Locale.ROOT, "  server            %s; heap used peak %s, committed %s; media clock late ticks %s, "
                            + "longest gap %s ms%n", cpu, mb(serverPeakHeapBytes),
                    mb((long) ServerMetrics.get(serverAfter, ServerMetrics.HEAP_COMMITTED).orElse(0)),
                    delta(serverBefore, serverAfter, ServerMetrics.LATE_TICKS),
                    fmt(ServerMetrics.get(serverAfter, ServerMetrics.MAX_TICK_GAP)));
        }
    }

    private String line(CallResult c) {
        String figures = String.format(Locale.ROOT, "%s %s: sent %d, received %d, underruns %d, marks %d/%d, clears %d",
                c.callSid(), c.ok() ? "ok" : "FAILED (" + c.error() + ")", c.framesSent(), c.framesReceived(),
                c.underruns(), c.marksEchoed(), c.marksReceived(), c.clears());
        if (options.echo()) {
            figures += String.format(Locale.ROOT, ", echo %.1f ms, correlation %.3f", c.echoLagMillis(),
                    c.echoCorrelation());
        } else if (!c.turnLatenciesMillis().isEmpty()) {
            figures += ", voice to voice " + c.turnLatenciesMillis() + " ms";
            if (!c.bargeInMillis().isEmpty()) {
                figures += ", barge-in " + c.bargeInMillis() + " ms";
            }
        }
        return figures;
    }

    private static String mb(long bytes) {
        return bytes <= 0 ? "unknown" : (bytes >> 20) + " MB";
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.0f", v.getAsDouble()) : "?";
    }

    private static String delta(Map<String, Double> before, Map<String, Double> after, String name) {
        OptionalDouble a = ServerMetrics.get(before, name);
        OptionalDouble b = ServerMetrics.get(after, name);
        return b.isPresent() ? String.format(Locale.ROOT, "%.0f", b.getAsDouble() - a.orElse(0)) : "?";
    }

    /** The nearest-rank percentile of sorted values. */
    private static long rank(long[] sorted, double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1))];
    }
}
