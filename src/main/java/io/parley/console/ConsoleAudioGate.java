package io.parley.console;

import io.parley.http.ClientAddress;
import io.parley.http.JsonErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gate of {@code WS /console/audio}: the host's microphone opens only for the host. Liberty upgrades a
 * WebSocket handshake without asking the authentication mechanism, so the handshake request is checked here by
 * the same rules ({@link ConsoleAuthentication}): a console session whose user is the host, the API key, or, with no
 * logins configured, a client on this machine. Anything else is refused before the upgrade (401, 403).
 */
@WebFilter("/console/audio")
public class ConsoleAudioGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUsers users;

    @Inject
    @ConfigProperty(name = "parley.api-key")
    Optional<String> apiKey;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ConsoleUsers.User user = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null && apiKey.filter(k -> !k.isBlank()).isPresent()) {
            if (!ConsoleAuthentication.bearerMatches(authorization, apiKey.get())) {
                JsonErrors.send(response, 401, "Wrong API key");
                return;
            }
            user = ConsoleAuthentication.API;
        } else if (!users.configured()) {
            if (!ClientAddress.local(request)) {
                JsonErrors.send(response, 403, "The console serves only this machine while no login is configured");
                return;
            }
            user = ConsoleAuthentication.LOCAL_HOST;
        } else {
            HttpSession session = request.getSession(false);
            user = session == null ? null : (ConsoleUsers.User) session.getAttribute(ConsoleAuthentication.USER);
        }
        if (user == null) {
            JsonErrors.send(response, 401, "Log in to the console first (/console/login.html)");
            return;
        }
        if (!user.is(ConsoleUsers.HOST)) {
            JsonErrors.send(response, 403, "Only the host speaks in the studio");
            return;
        }
        chain.doFilter(request, response);
    }
}
