package io.parley.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Applies {@link ApiAccessPolicy} to every request under {@code /api/}. */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiAccessFilter extends HttpFilter {

    public static final String API_KEY = "parley.api-key";

    private static final Logger LOG = Logger.getLogger(ApiAccessFilter.class.getName());

    @Inject
    @ConfigProperty(name = API_KEY)
    Optional<String> apiKey;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ApiAccessPolicy policy = new ApiAccessPolicy(apiKey.map(String::strip).filter(k -> !k.isEmpty()));
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Forwarded-Host") != null;
        var decision = policy.decide(request.getHeader("Authorization"), request.getRemoteAddr(), forwarded);
        if (decision instanceof ApiAccessPolicy.Denied denied) {
            LOG.warning(() -> "Refused " + request.getMethod() + " " + request.getRequestURI() + " from "
                    + request.getRemoteAddr() + ": " + denied.reason());
            response.setStatus(denied.status());
            if (denied.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
            }
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder()
                    .add("status", denied.status()).add("error", denied.reason()).build().toString());
            return;
        }
        chain.doFilter(request, response);
    }
}
