package it.io.parley.telephony;

import static it.io.parley.ParleyServer.api;
import static it.io.parley.ParleyServer.json;
import static it.io.parley.ParleyServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/calls} end to end: the running server places the call with twilio-java, whose requests
 * reach a fake of Twilio's REST API on loopback (the server's {@code twilio.api-base-url}).
 */
class OutboundCallIT {

    private static FakeTwilioApi twilio;

    @BeforeAll
    static void startFakeTwilio() throws Exception {
        twilio = new FakeTwilioApi(ParleyServer.FAKE_TWILIO_PORT);
    }

    @AfterAll
    static void stopFakeTwilio() {
        twilio.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        twilio.received().clear();
    }

    private static HttpResponse<String> place(String json) {
        return send(api("/api/calls").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void placesTheCallWithInlineStreamTwimlAndStatusCallbacks() {
        HttpResponse<String> response = place("{\"to\": \"+15551234567\", \"greeting\": \"Hello from Parley\"}");

        assertEquals(201, response.statusCode(), response.body());
        var placed = json(response);
        String callSid = placed.getString("callSid");
        assertTrue(callSid.matches("CA[0-9a-f]{32}"), callSid);
        assertEquals("queued", placed.getString("status"));
        assertEquals("+15551234567", placed.getString("to"));
        assertEquals(ParleyServer.PHONE_NUMBER, placed.getString("from"));
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("/api/calls/" + callSid));

        assertEquals(1, twilio.received().size());
        FakeTwilioApi.Received request = twilio.received().get(0);
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Calls.json", request.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                (ParleyServer.ACCOUNT_SID + ":" + ParleyServer.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)),
                request.authorization());
        assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());

        var form = request.form();
        assertEquals(List.of("+15551234567"), form.get("To"));
        assertEquals(List.of(ParleyServer.PHONE_NUMBER), form.get("From"));
        assertEquals(List.of(ParleyServer.PUBLIC + "/twilio/status"), form.get("StatusCallback"));
        assertEquals(List.of("POST"), form.get("StatusCallbackMethod"));
        assertEquals(List.of("initiated", "ringing", "answered", "completed"), form.get("StatusCallbackEvent"));
        String twiml = form.get("Twiml").get(0);
        assertTrue(twiml.contains("<Connect><Stream url=\"" + ParleyServer.PUBLIC.replace("https://", "wss://")
                + "/twilio/media\">"), twiml);
        assertTrue(twiml.contains("<Parameter name=\"Greeting\" value=\"Hello from Parley\"/>"), twiml);
        assertTrue(twiml.contains("<Parameter name=\"Direction\" value=\"outbound-api\"/>"), twiml);
        assertEquals(java.util.Set.of("To", "From", "Twiml", "StatusCallback", "StatusCallbackMethod", "StatusCallbackEvent"),
                form.keySet());

        var call = ParleyServer.call(callSid);
        assertEquals("outbound", call.getString("direction"));
        assertEquals("queued", call.getString("status"));
    }

    @Test
    void usesTheCallerIdGivenInTheRequest() {
        HttpResponse<String> response = place("{\"to\": \"+15551234567\", \"from\": \"+15557654321\"}");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(List.of("+15557654321"), twilio.received().get(0).form().get("From"));
    }

    @Test
    void aNumberThatIsNotE164IsRefusedBeforeTwilioIsAsked() {
        for (String body : List.of("{\"to\": \"5551234567\"}", "{\"to\": \"+1 555 123 4567\"}", "{}",
                "{\"to\": \"+15551234567\", \"from\": \"me\"}")) {
            HttpResponse<String> response = place(body);
            assertEquals(400, response.statusCode(), body);
            assertTrue(json(response).getString("error").contains("E.164") || json(response).getString("error").contains("required"),
                    response.body());
        }
        assertTrue(twilio.received().isEmpty());
    }

    @Test
    void malformedJsonIsABadRequest() {
        HttpResponse<String> response = place("{\"to\": ");
        assertEquals(400, response.statusCode());
        assertTrue(json(response).getString("error").startsWith("Malformed JSON"), response.body());
    }

    @Test
    void twilioErrorsComeBackAs502WithTwilioCodeAndMessage() {
        twilio.failNext(400, 21215, "Account not authorized to call +15551234567.");
        HttpResponse<String> response = place("{\"to\": \"+15551234567\"}");

        assertEquals(502, response.statusCode(), response.body());
        var error = json(response);
        assertEquals(21215, error.getInt("twilioCode"));
        assertEquals("Account not authorized to call +15551234567.", error.getString("twilioMessage"));
        assertEquals(502, error.getInt("status"));
    }
}
