package io.parley.telephony;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Rebuilds, for a request, the public URL Twilio used: from {@code parley.public-url} or the proxy headers. */
@ApplicationScoped
public class PublicUrls {

    public static final String PUBLIC_URL = "parley.public-url";

    private Optional<PublicUrl> configured;

    protected PublicUrls() {
        // for the CDI proxy
    }

    @Inject
    public PublicUrls(@ConfigProperty(name = PUBLIC_URL) Optional<String> configured) {
        // parsed once: a malformed value fails here, at start-up, not on the first call
        this.configured = configured.map(String::strip).filter(v -> !v.isEmpty()).map(PublicUrl::parse);
    }

    public Optional<PublicUrl> configured() {
        return configured;
    }

    public PublicUrl forRequest(HttpServletRequest request) {
        return configured.orElseGet(() -> PublicUrl.resolve(Optional.empty(), request.getHeader("X-Forwarded-Proto"),
                request.getHeader("X-Forwarded-Host"), request.getHeader("Host"), request.getScheme(),
                request.getServerName() + ":" + request.getServerPort()));
    }

    /**
     * The full URL Twilio requested, as it signed it: public base, path and query string; for a WebSocket
     * handshake the {@code wss}/{@code ws} form.
     */
    public String signedUrl(HttpServletRequest request) {
        PublicUrl base = forRequest(request);
        String pathAndQuery = request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return isWebSocketHandshake(request) ? base.webSocket(pathAndQuery) : base.http(pathAndQuery);
    }

    static boolean isWebSocketHandshake(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }
}
