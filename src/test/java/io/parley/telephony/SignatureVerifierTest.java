package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published vectors from TWILIO.md (auth token 12345), and what must fail. */
class SignatureVerifierTest {

    private final SignatureVerifier verifier = new SignatureVerifier("12345");

    private static Map<String, String> sdkVectorParams() {
        Map<String, String> params = new HashMap<>();
        params.put("Digits", "1234");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("To", "+18005551212");
        params.put("Caller", "+14158675309");
        params.put("From", "+14158675309");
        return params;
    }

    @Test
    void acceptsTheSdkFormVector() {
        assertTrue(verifier.verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2", sdkVectorParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void acceptsTheSdkFormVectorWithAnExplicitPort() {
        assertTrue(verifier.verifyForm("https://mycompany.com:1234/myapp.php?foo=1&bar=2", sdkVectorParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void acceptsTheSecurityDocsVector() {
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310",
                "Digits", "1234", "From", "+14158675310", "To", "+18005551212");
        assertTrue(verifier.verifyForm("https://example.com/myapp.php?foo=1&bar=2", params,
                "L/OH5YylLD5NRKLltdqwSvS0BnU="));
    }

    @Test
    void acceptsTheSdkJsonBodyVector() {
        String body = "{\"property\": \"value\", \"boolean\": true}";
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
                + "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertTrue(verifier.verifyJson(url, body, "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    @Test
    void rejectsAJsonBodyChangedAfterSigning() {
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
                + "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertFalse(verifier.verifyJson(url, "{\"property\": \"other\", \"boolean\": true}", "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    @Test
    void rejectsAParameterChangedAfterSigning() {
        Map<String, String> tampered = sdkVectorParams();
        tampered.put("To", "+18005551213");
        assertFalse(verifier.verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2", tampered,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void rejectsAnAddedParameter() {
        Map<String, String> extended = sdkVectorParams();
        extended.put("Extra", "1");
        assertFalse(verifier.verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2", extended,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void rejectsAnotherUrl() {
        assertFalse(verifier.verifyForm("https://mycompany.com/otherapp.php?foo=1&bar=2", sdkVectorParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertFalse(verifier.verifyForm("http://mycompany.com/myapp.php?foo=1&bar=2", sdkVectorParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void rejectsAnotherToken() {
        assertFalse(new SignatureVerifier("54321").verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2",
                sdkVectorParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void rejectsAMissingOrEmptySignature() {
        assertFalse(verifier.verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2", sdkVectorParams(), null));
        assertFalse(verifier.verifyForm("https://mycompany.com/myapp.php?foo=1&bar=2", sdkVectorParams(), " "));
        assertFalse(verifier.verifyJson("https://mycompany.com/myapp.php?bodySHA256=00", "{}", null));
    }

    @Test
    void rejectsAJsonBodyWithoutItsHashInTheUrl() {
        assertFalse(verifier.verifyJson("https://mycompany.com/myapp.php?foo=1&bar=2",
                "{\"property\": \"value\", \"boolean\": true}", "a9nBmqA0ju/hNViExpshrM61xv4="));
    }
}
