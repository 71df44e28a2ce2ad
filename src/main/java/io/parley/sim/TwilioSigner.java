package io.parley.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way Twilio does ({@code X-Twilio-Signature}), so the simulator and the tests can play
 * Twilio. twilio-java only validates signatures; this is the other half: HMAC-SHA1 keyed with the auth token
 * over the URL followed by every POST parameter, sorted by name, as name then value.
 */
public final class TwilioSigner {

    private final SecretKeySpec key;

    public TwilioSigner(String authToken) {
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    public String sign(String url, Map<String, String> postParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParams).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }

    /** A request with no POST parameters, such as the media-stream WebSocket handshake. */
    public String sign(String url) {
        return sign(url, Map.of());
    }
}
