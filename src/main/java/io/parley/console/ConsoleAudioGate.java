package io.parley.console;

import io.parley.http.JsonErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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
    ConsoleAuthentication authentication;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ConsoleAuthentication.Identified identified = authentication.identify(request);
        if (identified.refused()) {
            JsonErrors.send(response, identified.status(), identified.reason());
            return;
        }
        ConsoleUsers.User user = identified.user() != null ? identified.user()
                : ConsoleAuthentication.sessionUser(request);
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
