package it.io.parley.ops;

import static it.io.parley.ParleyServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthIT {

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    @Test
    void liveness() {
        HttpResponse<String> response = get("/health/live");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject parley = check(ParleyServer.json(response), "parley");
        assertEquals("UP", parley.getString("status"));
        assertTrue(parley.getJsonObject("data").containsKey("heapUsedPercent"));
    }

    @Test
    void readinessReportsTwilioAndActiveCalls() {
        HttpResponse<String> response = get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject twilio = check(ParleyServer.json(response), "twilio");
        assertEquals("UP", twilio.getString("status"));
        JsonObject data = twilio.getJsonObject("data");
        assertEquals("on", data.getString("signatureChecks"));
        assertEquals("enabled", data.getString("outboundCalls"));
        assertEquals(ParleyServer.PUBLIC, data.getString("publicUrl"));
        assertTrue(data.getJsonNumber("activeCalls").intValue() >= 0);
    }
}
