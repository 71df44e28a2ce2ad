package io.parley.api;

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
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gate of {@code /api/*}: applies {@link ApiAccessPolicy}, then reads the body of an admitted request, at
 * most {@value #MAX_BODY_BYTES} bytes (413 beyond, before the REST layer would read it whole). Refusals are
 * logged at most once a second, with a count of the lines held back.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiAccessFilter extends HttpFilter {

    public static final String API_KEY = "parley.api-key";
    /** The API's requests are small JSON objects. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(ApiAccessFilter.class.getName());

    private final ThrottledLog refusals = new ThrottledLog(LOG);

    @Inject
    @ConfigProperty(name = API_KEY)
    Optional<String> apiKey;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ApiAccessPolicy policy = new ApiAccessPolicy(apiKey.map(String::strip).filter(k -> !k.isEmpty()));
        // The show's API belongs to the console, whose login (or this machine, or the key) admitted the request.
        boolean console = io.parley.console.ConsoleAuthentication.user(request).isPresent();
        boolean forwarded = io.parley.http.ClientAddress.forwarded(request);
        var decision = policy.decide(request.getHeader("Authorization"), request.getRemoteAddr(), forwarded);
        if (!console && decision instanceof ApiAccessPolicy.Denied denied) {
            refuse(request, response, denied.status(), denied.reason());
            return;
        }
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = RequestBodies.read(request, MAX_BODY_BYTES);
        if (body == null) {
            refuse(request, response, 413, "The body is over " + MAX_BODY_BYTES / 1024 + " KiB");
            return;
        }
        HttpServletRequest replayed;
        try {
            replayed = new BufferedBodyRequest(request, body, Map.of());
        } catch (FormBody.MalformedFormException e) {
            refuse(request, response, 400, "Malformed query string: " + e.getMessage());
            return;
        }
        chain.doFilter(replayed, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason)
            throws IOException {
        refusals.warning(() -> "Refused " + request.getMethod() + " " + LogSafe.text(request.getRequestURI(), 200)
                + " from " + request.getRemoteAddr() + ": " + reason);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
        }
        JsonErrors.send(response, status, reason);
    }
}
