package io.parley.telephony;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The base URL Twilio uses to reach this server (scheme and authority, no path), which is not the URL the
 * server sees when it runs behind a tunnel or proxy. Twilio signs the URL it requested, and the media stream
 * URL must point at the public host, so both are rebuilt from here.
 *
 * <p>Precedence: the configured {@code parley.public-url}; then {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} (first value of each when a chain of proxies added several); then the
 * {@code Host} header with the scheme of the request itself.
 */
public record PublicUrl(String scheme, String authority) {

    public PublicUrl {
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("public URL scheme must be http or https, not " + scheme);
        }
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("public URL has no host");
        }
    }

    /** Parses a configured base such as {@code https://abc.ngrok.app} or {@code https://example.com/}. */
    public static PublicUrl parse(String configured) {
        URI uri = URI.create(configured.strip());
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("parley.public-url must be an absolute URL such as https://example.com, not '"
                    + configured + "'");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("parley.public-url must not have a path (Parley serves at the root): '"
                    + configured + "'");
        }
        return new PublicUrl(uri.getScheme(), uri.getRawAuthority());
    }

    /**
     * @param configured      {@code parley.public-url}, if set
     * @param forwardedProto  the {@code X-Forwarded-Proto} header, or null
     * @param forwardedHost   the {@code X-Forwarded-Host} header, or null
     * @param host            the {@code Host} header, or null
     * @param requestScheme   the scheme the server received the request on
     * @param localAuthority  the server's own host:port, used when the request has no Host header
     */
    public static PublicUrl resolve(Optional<String> configured, String forwardedProto, String forwardedHost,
                                    String host, String requestScheme, String localAuthority) {
        if (configured.isPresent()) {
            return parse(configured.get());
        }
        String scheme = firstValue(forwardedProto).orElse(requestScheme);
        String authority = firstValue(forwardedHost).or(() -> firstValue(host)).orElse(localAuthority);
        return new PublicUrl(scheme, authority);
    }

    /** The https (or http) URL of a path on this server, e.g. {@code https://host/twilio/status}. */
    public String http(String path) {
        return scheme + "://" + authority + path;
    }

    /** The WebSocket URL of a path: {@code wss} for an https base, {@code ws} for http. */
    public String webSocket(String path) {
        return (scheme.equals("https") ? "wss" : "ws") + "://" + authority + path;
    }

    private static Optional<String> firstValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int comma = header.indexOf(',');
        String first = (comma >= 0 ? header.substring(0, comma) : header).strip();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }
}
