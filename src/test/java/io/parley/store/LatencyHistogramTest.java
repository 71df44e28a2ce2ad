package io.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void mergedCountsGiveTheFiguresOfEverySortedValue() {
        Random random = new Random(20261203);
        for (int trial = 0; trial < 50; trial++) {
            LatencyHistogram histogram = new LatencyHistogram();
            List<Long> values = new ArrayList<>();
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) {
                long v = 50 + random.nextInt(trial % 2 == 0 ? 20 : 3000); // many repeats, or nearly none
                values.add(v);
                if (i % 3 == 0) {
                    histogram.add(new Long[] {null, null, null, v, null}); // a turn read directly
                } else {
                    histogram.add(3, v, 1); // a day's count
                }
            }
            assertEquals(StoreContract.expected("voiceToVoice", values), histogram.report().get(3), "trial " + trial);
            assertEquals(new LatencyReport.Stage("transcript", 0, null, null, null, null), histogram.report().get(0));
        }
    }
}
