package it.io.parley.api;

import static it.io.parley.ParleyServer.api;
import static it.io.parley.ParleyServer.json;
import static it.io.parley.ParleyServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /api/calls} on the running server, which was started with {@code parley.api-key} set. */
class CallsApiIT {

    @Test
    void listsKnownCallsNewestFirst() {
        String older = ParleyServer.newCallSid();
        String newer = ParleyServer.newCallSid();
        ParleyServer.postSigned("/twilio/voice", ParleyServer.inboundCall(older));
        ParleyServer.postSigned("/twilio/voice", ParleyServer.inboundCall(newer));

        HttpResponse<String> response = send(api("/api/calls").GET().build());
        assertEquals(200, response.statusCode());
        JsonArray calls = (JsonArray) ParleyServer.parse(response.body());
        var sids = calls.getValuesAs(JsonObject.class).stream().map(c -> c.getString("callSid")).toList();
        assertTrue(sids.indexOf(newer) >= 0 && sids.indexOf(newer) < sids.indexOf(older),
                "newer " + newer + " before older " + older + " in " + sids);
    }

    @Test
    void unknownCallIsA404WithAJsonError() {
        String unknown = ParleyServer.newCallSid();
        HttpResponse<String> response = send(api("/api/calls/" + unknown).GET().build());
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject error = json(response);
        assertEquals(404, error.getInt("status"));
        assertEquals("No call " + unknown, error.getString("error"));
    }

    @Test
    void somethingThatIsNotACallSidIsABadRequest() {
        HttpResponse<String> response = send(api("/api/calls/CAdoesnotexist").GET().build());
        assertEquals(400, response.statusCode());
        assertEquals("Not a call SID (CA and 32 hex digits)", json(response).getString("error"));
    }

    @Test
    void withoutTheApiKeyTheApiAnswers401() {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + "/api/calls")).GET().build());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, json(none).getInt("status"));

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + "/api/calls"))
                .header("Authorization", "Bearer not-the-key").GET().build());
        assertEquals(401, wrong.statusCode());

        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(ParleyServer.LOCAL + "/api/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+15551234567\"}")).build());
        assertEquals(401, post.statusCode());
    }
}
