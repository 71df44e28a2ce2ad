package io.parley.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Voice-to-voice latency per caller turn, from two 20 ms timelines that start together: which frames the caller
 * said with voice, and which frames the caller heard with voice. A turn ends at a voiced frame followed by at
 * least {@value #END_OF_TURN_FRAMES} unvoiced ones; its latency runs from the end of that frame to the first
 * heard voiced frame that begins a reply (the frame before it was silent) before the next turn ends.
 */
final class TurnLatency {

    static final int END_OF_TURN_FRAMES = 20;

    private TurnLatency() {
    }

    static List<Long> measure(List<Boolean> said, boolean[] heard) {
        List<Integer> turnEnds = new ArrayList<>();
        int lastVoiced = -1;
        for (int i = 0; i < said.size(); i++) {
            if (said.get(i)) {
                lastVoiced = i;
            } else if (lastVoiced >= 0 && i - lastVoiced == END_OF_TURN_FRAMES) {
                turnEnds.add(lastVoiced + 1);
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (int t = 0; t < turnEnds.size(); t++) {
            int end = turnEnds.get(t);
            int limit = t + 1 < turnEnds.size() ? turnEnds.get(t + 1) : heard.length;
            for (int j = Math.max(1, end); j < Math.min(limit, heard.length); j++) {
                if (heard[j] && !heard[j - 1]) {
                    latencies.add((j - end) * 20L);
                    break;
                }
            }
        }
        return latencies;
    }
}
