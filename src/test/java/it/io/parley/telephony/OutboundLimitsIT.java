package it.io.parley.telephony;

import static it.io.parley.ParleyServer.api;
import static it.io.parley.ParleyServer.json;
import static it.io.parley.ParleyServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on placing calls that need a server of their own: the rate limit (the remote-models server allows
 * 3 calls a minute), and a server without {@code parley.public-url}, which must never take the public host
 * from the request's headers.
 */
class OutboundLimitsIT {

    private static FakeTwilioApi twilio;

    @BeforeAll
    static void startFakeTwilio() throws Exception {
        twilio = new FakeTwilioApi(ParleyServer.FAKE_TWILIO_PORT);
    }

    @AfterAll
    static void stopFakeTwilio() {
        twilio.close();
    }

    private static HttpResponse<String> place(String server, String json, String... headers) {
        HttpRequest.Builder request = api(server, "/api/calls").header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void atMostTheConfiguredCallsAMinuteThen429WithRetryAfter() {
        twilio.received().clear();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> placed = place(ParleyServer.REMOTE, "{\"to\": \"+1555123456" + i + "\"}");
            assertEquals(201, placed.statusCode(), placed.body());
        }
        HttpResponse<String> fourth = place(ParleyServer.REMOTE, "{\"to\": \"+15551234569\"}");
        assertEquals(429, fourth.statusCode(), fourth.body());
        long retryAfter = Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(json(fourth).getString("error").contains("parley.outbound.max-per-minute (PARLEY_OUTBOUND_MAX_PER_MINUTE)"),
                fourth.body());
        assertEquals(3, twilio.received().size(), "the fourth never reached Twilio");
    }

    @Test
    void withoutAPublicUrlNoCallIsPlacedWhateverTheHeadersSay() {
        twilio.received().clear();
        for (String[] headers : new String[][] {{}, {"X-Forwarded-Host", "attacker.example", "X-Forwarded-Proto", "https"},
                {"Host", "attacker.example"}}) {
            HttpResponse<String> response;
            try {
                response = place(ParleyServer.LIMITS, "{\"to\": \"+15551234567\"}", headers);
            } catch (IllegalArgumentException restricted) {
                continue; // the JDK's client will not set Host; the forwarded headers are the case that matters
            }
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(json(response).getString("error").contains("parley.public-url (PARLEY_PUBLIC_URL)"),
                    response.body());
        }
        assertTrue(twilio.received().isEmpty(), "Twilio was never asked: " + twilio.received());
    }
}
