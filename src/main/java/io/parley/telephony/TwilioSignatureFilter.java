package io.parley.telephony;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Lets through only requests Twilio signed: every webhook under {@code /twilio/} and the media-stream
 * WebSocket handshake. The URL checked is the public one Twilio requested (see {@link PublicUrls}), not the
 * one behind the tunnel. Without an auth token the checks are off and every unsigned request is logged.
 */
@WebFilter(urlPatterns = "/twilio/*", asyncSupported = true)
public class TwilioSignatureFilter extends HttpFilter {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** Twilio's webhooks are a few hundred bytes; anything this large is not one of them. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(TwilioSignatureFilter.class.getName());

    @Inject
    TwilioSettings settings;

    @Inject
    PublicUrls publicUrls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String signature = request.getHeader(SIGNATURE_HEADER);
        String path = request.getRequestURI();
        if (!settings.signatureChecksEnabled()) {
            if (signature == null) {
                LOG.warning(() -> "Unsigned request to " + path + " accepted: signature checks are off because "
                        + TwilioSettings.describe(TwilioSettings.AUTH_TOKEN) + " is not set");
            }
            chain.doFilter(request, response);
            return;
        }

        byte[] body = readBody(request);
        if (body == null) {
            LOG.warning(() -> "Rejected " + request.getMethod() + " " + path + ": body over " + MAX_BODY_BYTES + " bytes");
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
            return;
        }
        String url = publicUrls.signedUrl(request);
        SignatureVerifier verifier = new SignatureVerifier(settings.authToken().orElseThrow());
        Map<String, List<String>> form = isForm(request) ? FormBody.parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
        boolean valid = isJson(request)
                ? verifier.verifyJson(url, new String(body, StandardCharsets.UTF_8), signature)
                : verifier.verifyForm(url, FormBody.firstValues(form), signature);
        if (!valid) {
            String reason = signature == null ? "no " + SIGNATURE_HEADER : "invalid " + SIGNATURE_HEADER;
            LOG.warning(() -> "Rejected " + request.getMethod() + " " + path + " from " + request.getRemoteAddr()
                    + ": " + reason + " for " + url + " (is parley.public-url the URL Twilio calls?)");
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Twilio signature check failed");
            return;
        }
        chain.doFilter(body.length == 0 ? request : new BufferedBodyRequest(request, body, form), response);
    }

    /** The whole body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        if (PublicUrls.isWebSocketHandshake(request) || "GET".equals(request.getMethod())) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("application/json");
    }
}
