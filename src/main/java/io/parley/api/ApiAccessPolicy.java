package io.parley.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use {@code /api/*}. Placing calls costs money, so the API is never open: with an API key every
 * request must carry {@code Authorization: Bearer <key>}; without one only clients on this machine are served,
 * and a request that came through a proxy or tunnel (which connects from loopback too, but carries forwarding
 * headers) is not "on this machine".
 */
public record ApiAccessPolicy(Optional<String> apiKey) {

    public sealed interface Decision {
    }

    public record Allowed() implements Decision {
    }

    public record Denied(int status, String reason) implements Decision {
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param remoteAddress the client's IP address as the server sees it
     * @param forwarded     whether the request carries {@code Forwarded} or {@code X-Forwarded-*} headers
     */
    public Decision decide(String authorization, String remoteAddress, boolean forwarded) {
        if (apiKey.isPresent()) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Denied(401, "This API needs \"Authorization: Bearer <parley.api-key>\"");
            }
            byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            byte[] expected = apiKey.get().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, expected) ? new Allowed() : new Denied(401, "Wrong API key");
        }
        if (forwarded || !isLoopback(remoteAddress)) {
            return new Denied(403, "parley.api-key (PARLEY_API_KEY) is not set, so /api serves only clients on "
                    + "this machine; set it to call the API from elsewhere");
        }
        return new Allowed();
    }

    static boolean isLoopback(String address) {
        return io.parley.http.ClientAddress.isLoopback(address);
    }
}
