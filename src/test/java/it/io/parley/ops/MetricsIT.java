package it.io.parley.ops;

import static it.io.parley.ParleyServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The call metrics in Prometheus text, and that a call moves them. */
class MetricsIT {

    private static Optional<Double> value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static double required(String metrics, String series) {
        return value(metrics, series).orElseThrow(() -> new AssertionError("no series " + series + " in\n" + metrics));
    }

    @Test
    void aCallMovesTheCallMetrics() {
        String startedInbound = "parley_calls_started_total{direction=\"inbound\",mp_scope=\"application\",}";
        String endedInbound = "parley_calls_ended_total{direction=\"inbound\",mp_scope=\"application\",}";
        String before = get("/metrics").body();
        assertTrue(value(before, "parley_calls_started_total{direction=\"outbound\",mp_scope=\"application\",}").isPresent());

        String callSid = ParleyServer.newCallSid();
        ParleyServer.postSigned("/twilio/voice", ParleyServer.inboundCall(callSid));
        String during = get("/metrics").body();
        ParleyServer.postSigned("/twilio/status", java.util.Map.of("CallSid", callSid, "CallStatus", "completed",
                "CallDuration", "3", "Direction", "inbound"));
        String after = get("/metrics").body();

        assertEquals(required(before, startedInbound) + 1, required(during, startedInbound));
        assertEquals(required(before, endedInbound) + 1, required(after, endedInbound));
        assertTrue(required(during, "parley_calls_active{mp_scope=\"application\",}") >= 1);
        assertTrue(required(after, "parley_webhook_latency_seconds_count{mp_scope=\"application\",webhook=\"voice\",}") >= 1);
        assertTrue(required(after, "parley_webhook_latency_seconds_count{mp_scope=\"application\",webhook=\"status\",}") >= 1);
    }
}
