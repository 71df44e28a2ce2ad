package io.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each stage's latencies as an exact histogram (whole milliseconds → how many turns), merged from stored days and
 * from turns read directly, and the report's figures from it: the same as sorting every value, as
 * {@code PERCENTILE_CONT} does (linear interpolation between the two nearest ranks).
 */
final class LatencyHistogram {

    private final List<TreeMap<Long, Long>> stages = new ArrayList<>();

    LatencyHistogram() {
        for (int i = 0; i < LatencyReport.STAGES.size(); i++) {
            stages.add(new TreeMap<>());
        }
    }

    void add(int stage, long valueMillis, long turns) {
        if (turns > 0) {
            stages.get(stage).merge(valueMillis, turns, Long::sum);
        }
    }

    /** One turn's stages, those it has. */
    void add(Long[] values) {
        for (int stage = 0; stage < values.length; stage++) {
            if (values[stage] != null) {
                add(stage, values[stage], 1);
            }
        }
    }

    List<LatencyReport.Stage> report() {
        List<LatencyReport.Stage> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            out.add(stage(LatencyReport.STAGES.get(i), stages.get(i)));
        }
        return out;
    }

    private static LatencyReport.Stage stage(String name, TreeMap<Long, Long> values) {
        long count = 0;
        double sum = 0;
        for (Map.Entry<Long, Long> e : values.entrySet()) {
            count += e.getValue();
            sum += (double) e.getKey() * e.getValue();
        }
        if (count == 0) {
            return new LatencyReport.Stage(name, 0, null, null, null, null);
        }
        return new LatencyReport.Stage(name, count, round(sum / count), round(percentile(values, count, 0.5)),
                round(percentile(values, count, 0.95)), values.lastKey());
    }

    private static double percentile(TreeMap<Long, Long> values, long count, double p) {
        double rank = p * (count - 1);
        long below = (long) Math.floor(rank);
        long above = (long) Math.ceil(rank);
        double low = valueAt(values, below);
        double high = above == below ? low : valueAt(values, above);
        return low + (rank - below) * (high - low);
    }

    /** The value at place {@code index} (0-based) of all values in order. */
    private static long valueAt(TreeMap<Long, Long> values, long index) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : values.entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return e.getKey();
            }
        }
        return values.lastKey();
    }

    private static Double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
