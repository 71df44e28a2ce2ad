package io.parley.telephony;

import com.twilio.security.RequestValidator;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with twilio-java's {@link RequestValidator}: form webhooks are signed over
 * the URL plus the sorted POST parameters, JSON bodies over a URL carrying {@code bodySHA256}.
 */
public final class SignatureVerifier {

    private final RequestValidator validator;

    public SignatureVerifier(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    /** A form-encoded (or bodiless) request: {@code url} is the full URL Twilio requested, query included. */
    public boolean verifyForm(String url, Map<String, String> postParams, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(url, postParams, signature);
    }

    /** A request with a JSON body: the URL must carry {@code bodySHA256} and the body must hash to it. */
    public boolean verifyJson(String url, String body, String signature) {
        if (signature == null || signature.isBlank() || !url.contains("bodySHA256=")) {
            return false;
        }
        try {
            return validator.validate(url, body, signature);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
