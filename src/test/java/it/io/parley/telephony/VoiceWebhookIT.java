package it.io.parley.telephony;

import static it.io.parley.ParleyServer.AUTH_TOKEN;
import static it.io.parley.ParleyServer.PUBLIC;
import static it.io.parley.ParleyServer.call;
import static it.io.parley.ParleyServer.inboundCall;
import static it.io.parley.ParleyServer.newCallSid;
import static it.io.parley.ParleyServer.postForm;
import static it.io.parley.ParleyServer.postSigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sim.TwilioSigner;
import it.io.parley.ParleyServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code POST /twilio/voice} on the running server, signed as Twilio signs it, and every way it can be wrong. */
class VoiceWebhookIT {

    @Test
    void signedWebhookConnectsTheCallToTheMediaStreamOnThePublicHost() throws Exception {
        String callSid = newCallSid();
        HttpResponse<String> response = postSigned("/twilio/voice", inboundCall(callSid));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("xml"));
        Element stream = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("Stream").item(0);
        assertEquals("Connect", stream.getParentNode().getNodeName());
        assertEquals(PUBLIC.replace("https://", "wss://") + "/twilio/media", stream.getAttribute("url"));
        Map<String, String> parameters = new LinkedHashMap<>();
        NodeList nodes = stream.getElementsByTagName("Parameter");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            parameters.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        String token = parameters.remove("StreamToken");
        assertTrue(token != null && token.matches("[A-Za-z0-9_-]{22}"), "128 random bits bind the stream to the call: " + token);
        assertEquals(Map.of("From", "+15551230000", "To", "+15559870000", "CallSid", callSid, "Direction", "inbound"),
                parameters);

        var registered = call(callSid);
        assertEquals("ringing", registered.getString("status"));
        assertEquals("inbound", registered.getString("direction"));
        assertEquals("+15551230000", registered.getString("from"));
    }

    @Test
    void twilioJavaLogsIntoTheServersLogWithoutComplaint() throws Exception {
        assertEquals(200, postSigned("/twilio/voice", inboundCall(newCallSid())).statusCode());
        assertEquals(0, it.io.parley.ServerLogs.count("console.log", l -> l.contains("SLF4J")),
                "SLF4J found its binding: no warning in console.log");
    }

    @Test
    void unsignedWebhookIsRefused() {
        String callSid = newCallSid();
        assertEquals(403, postForm("/twilio/voice", inboundCall(callSid), null).statusCode());
        assertNotRegistered(callSid);
    }

    @Test
    void webhookSignedWithAnotherTokenIsRefused() {
        String callSid = newCallSid();
        Map<String, String> params = inboundCall(callSid);
        String forged = new TwilioSigner("not-" + AUTH_TOKEN).sign(PUBLIC + "/twilio/voice", params);
        assertEquals(403, postForm("/twilio/voice", params, forged).statusCode());
        assertNotRegistered(callSid);
    }

    @Test
    void webhookChangedAfterSigningIsRefused() {
        String callSid = newCallSid();
        Map<String, String> params = inboundCall(callSid);
        String signature = new TwilioSigner(AUTH_TOKEN).sign(PUBLIC + "/twilio/voice", params);
        params.put("From", "+15550000666");
        assertEquals(403, postForm("/twilio/voice", params, signature).statusCode());
        assertNotRegistered(callSid);
    }

    @Test
    void webhookSignedOverTheUrlBehindTheTunnelIsRefused() {
        // Twilio signs the public URL; a signature over the server's local address proves nothing
        String callSid = newCallSid();
        Map<String, String> params = inboundCall(callSid);
        String signature = new TwilioSigner(AUTH_TOKEN).sign(ParleyServer.LOCAL + "/twilio/voice", params);
        assertEquals(403, postForm("/twilio/voice", params, signature).statusCode());
    }

    @Test
    void signedWebhookWithoutCallSidIsABadRequest() {
        Map<String, String> params = inboundCall("x");
        params.remove("CallSid");
        assertEquals(400, postSigned("/twilio/voice", params).statusCode());
    }

    private static void assertNotRegistered(String callSid) {
        var response = ParleyServer.send(ParleyServer.api("/api/calls/" + callSid).GET().build());
        assertEquals(404, response.statusCode(), "a refused webhook must not create a call");
    }
}
