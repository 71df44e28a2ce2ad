package io.parley.store;

import java.time.Instant;
import java.util.List;

/**
 * Per-stage latency of the agent turns stored between {@code since} and {@code until}: how many turns had the
 * stage, and its mean, median, 95th percentile and maximum in milliseconds (null when no turn had it).
 */
public record LatencyReport(Instant since, Instant until, List<Stage> stages) {

    /** The stages, as the turns' {@code timings} name them, and their columns. */
    public static final List<String> STAGES = List.of("transcript", "firstToken", "firstAudio", "voiceToVoice",
            "turnCommitted");

    public record Stage(String name, long count, Double avg, Double p50, Double p95, Long max) {
    }
}
