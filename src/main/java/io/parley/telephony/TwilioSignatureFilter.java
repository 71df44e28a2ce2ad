package io.parley.telephony;

import io.parley.http.BufferedBodyRequest;
import io.parley.http.FormBody;
import io.parley.http.JsonErrors;
import io.parley.http.RequestBodies;
import io.parley.logging.LogSafe;
import io.parley.logging.ThrottledLog;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Guards everything under {@code /twilio/}: the webhooks and the media-stream WebSocket handshake.
 *
 * <ul>
 * <li>Bodies are read here, never more than {@value #MAX_BODY_BYTES} bytes (413 beyond), and a form body that is
 *     not well formed is refused (400) before anything else reads it.</li>
 * <li>With an auth token, only requests Twilio signed pass (403 otherwise). The URL checked is the public one
 *     Twilio requested (see {@link PublicUrls}), not the one behind the tunnel. Without a token (development
 *     mode) the checks are off and unsigned requests are logged.</li>
 * </ul>
 * Refusals are logged at most once a second, with a count of the lines held back.
 */
@WebFilter(urlPatterns = "/twilio/*", asyncSupported = true)
public class TwilioSignatureFilter extends HttpFilter {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** Twilio's webhooks are a few hundred bytes; anything this large is not one of them. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(TwilioSignatureFilter.class.getName());

    private final ThrottledLog refusals = new ThrottledLog(LOG);
    private final ThrottledLog unsigned = new ThrottledLog(LOG);

    @Inject
    TwilioSettings settings;

    @Inject
    PublicUrls publicUrls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String signature = request.getHeader(SIGNATURE_HEADER);
        boolean bodiless = PublicUrls.isWebSocketHandshake(request) || "GET".equals(request.getMethod());
        byte[] body = bodiless ? new byte[0] : RequestBodies.read(request, MAX_BODY_BYTES);
        if (body == null) {
            refuse(request, response, 413, "the body is over " + MAX_BODY_BYTES / 1024 + " KiB; Twilio's webhooks are far smaller",
                    "body over " + MAX_BODY_BYTES + " bytes");
            return;
        }
        Map<String, List<String>> form;
        HttpServletRequest buffered;
        try {
            form = RequestBodies.isForm(request) ? FormBody.parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
            buffered = body.length == 0 ? request : new BufferedBodyRequest(request, body, form);
        } catch (FormBody.MalformedFormException e) {
            refuse(request, response, 400, "malformed form body: " + e.getMessage(), e.getMessage());
            return;
        }
        if (!settings.signatureChecksEnabled()) {
            if (signature == null) {
                unsigned.warning(() -> "Unsigned request to " + request.getRequestURI() + " accepted: signature "
                        + "checks are off because " + TwilioSettings.describe(TwilioSettings.AUTH_TOKEN) + " is not set");
            }
            chain.doFilter(buffered, response);
            return;
        }
        String url = publicUrls.signedUrl(request);
        SignatureVerifier verifier = new SignatureVerifier(settings.authToken().orElseThrow());
        boolean valid = RequestBodies.isJson(request)
                ? verifier.verifyJson(url, new String(body, StandardCharsets.UTF_8), signature)
                : verifier.verifyForm(url, FormBody.firstValues(form), signature);
        if (!valid) {
            String reason = signature == null ? "no " + SIGNATURE_HEADER : "invalid " + SIGNATURE_HEADER;
            refuse(request, response, 403, "Twilio signature check failed",
                    reason + " for " + LogSafe.text(url, 500) + " (is parley.public-url the URL Twilio calls?)");
            return;
        }
        chain.doFilter(buffered, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String answer,
                        String logged) throws IOException {
        refusals.warning(() -> "Rejected " + request.getMethod() + " " + LogSafe.text(request.getRequestURI(), 200)
                + " from " + request.getRemoteAddr() + ": " + logged);
        JsonErrors.send(response, status, answer);
    }
}
