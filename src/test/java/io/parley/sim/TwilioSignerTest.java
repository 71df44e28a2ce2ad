package io.parley.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.telephony.SignatureVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignerTest {

    private final TwilioSigner signer = new TwilioSigner("12345");

    @Test
    void producesThePublishedSignatures() {
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", signer.sign("https://mycompany.com/myapp.php?foo=1&bar=2",
                Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE", "To", "+18005551212",
                        "Caller", "+14158675309", "From", "+14158675309")));
        assertEquals("L/OH5YylLD5NRKLltdqwSvS0BnU=", signer.sign("https://example.com/myapp.php?foo=1&bar=2",
                Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310", "Digits", "1234",
                        "From", "+14158675310", "To", "+18005551212")));
    }

    @Test
    void aSignedHandshakeUrlValidates() {
        String url = "wss://abc.ngrok.app/twilio/media";
        assertTrue(new SignatureVerifier("12345").verifyForm(url, Map.of(), signer.sign(url)));
    }
}
