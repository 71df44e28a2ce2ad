package io.parley.console;

import io.parley.http.ClientAddress;
import io.parley.http.JsonErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may use the show's console: {@code /console/*} (the page, its login and its audio socket),
 * {@code /api/show/*}, {@code /api/shows/*} and {@code /api/personas/*}. A Jakarta Security mechanism, called on
 * every request, that lets everything else through untouched.
 *
 * <ul>
 *   <li>With console users configured ({@link ConsoleUsers}): form login. {@code POST /console/login} with
 *       {@code j_username} and {@code j_password} starts a session (a new session id); the console's pages
 *       redirect to {@code /console/login.html} without one, its API and socket answer 401.
 *       {@code POST /console/logout} ends it.</li>
 *   <li>With none: this machine only, as the host; a request from elsewhere, or through a proxy (forwarding
 *       headers), is refused (403).</li>
 *   <li>Either way {@code Authorization: Bearer <parley.api-key>} acts as the host, for scripts.</li>
 * </ul>
 * The user's roles (host, producer) are the container's roles for the request; the request attribute
 * {@link #USER} carries the user for the show's own checks (only the host takes, holds, drops and blocks).
 */
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

    /** The request (and session) attribute holding the console's {@link ConsoleUsers.User}. */
    public static final String USER = "io.parley.console.user";
    private static final ConsoleUsers.User LOCAL_HOST = new ConsoleUsers.User("host (this machine)",
            Set.of(ConsoleUsers.HOST, ConsoleUsers.PRODUCER));
    private static final ConsoleUsers.User API = new ConsoleUsers.User("api-key",
            Set.of(ConsoleUsers.HOST, ConsoleUsers.PRODUCER));
    private static final Logger LOG = Logger.getLogger(ConsoleAuthentication.class.getName());

    @Inject
    ConsoleUsers users;

    @Inject
    @ConfigProperty(name = "parley.api-key")
    Optional<String> apiKey;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI();
        if (!guarded(path)) {
            return context.doNothing();
        }
        try {
            return decide(path, request, response, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current console user of a request this mechanism admitted; empty for any other request. */
    public static Optional<ConsoleUsers.User> user(HttpServletRequest request) {
        return Optional.ofNullable((ConsoleUsers.User) request.getAttribute(USER));
    }

    static boolean guarded(String path) {
        return path.equals("/console") || path.startsWith("/console/") || path.equals("/api/show")
                || path.startsWith("/api/show/") || path.equals("/api/personas") || path.startsWith("/api/personas/")
                || path.equals("/api/shows") || path.startsWith("/api/shows/");
    }

    /**
     * Who a request is by the rules that need no login form: the API key, or, with no logins configured, this
     * machine. {@code user} null and {@code status} 0: the form login's session decides.
     */
    record Identified(ConsoleUsers.User user, int status, String reason) {
        static final Identified BY_LOGIN = new Identified(null, 0, null);

        boolean refused() {
            return status != 0;
        }
    }

    Identified identify(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && apiKey.filter(k -> !k.isBlank()).isPresent()) {
            return bearerMatches(authorization, apiKey.get()) ? new Identified(API, 0, null)
                    : new Identified(null, 401, "Wrong API key");
        }
        if (!users.configured()) {
            return ClientAddress.local(request) ? new Identified(LOCAL_HOST, 0, null)
                    : new Identified(null, 403, "The console serves only this machine while no login is configured:"
                    + " set PARLEY_CONSOLE_USER and PARLEY_CONSOLE_PASSWORD to use it from elsewhere");
        }
        return Identified.BY_LOGIN;
    }

    /** The user of the request's console session, if it has one. */
    static ConsoleUsers.User sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (ConsoleUsers.User) session.getAttribute(USER);
    }

    private AuthenticationStatus decide(String path, HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context) throws IOException {
        Identified identified = identify(request);
        if (identified.refused()) {
            return refuse(response, identified.status(), identified.reason());
        }
        if (identified.user() != null) {
            return admit(identified.user(), request, context);
        }
        if (path.equals("/console/login") && "POST".equals(request.getMethod())) {
            return login(request, response);
        }
        if (path.equals("/console/logout") && "POST".equals(request.getMethod())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect("/console/login.html");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        if (isPublic(path)) {
            return context.doNothing();
        }
        ConsoleUsers.User user = sessionUser(request);
        if (user != null) {
            return admit(user, request, context);
        }
        if (path.startsWith("/api/") || path.equals("/console/audio")) {
            return refuse(response, 401, "Log in to the console first (/console/login.html)");
        }
        response.sendRedirect("/console/login.html");
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ConsoleUsers.User> user = users.check(request.getParameter("j_username"),
                request.getParameter("j_password"));
        if (user.isEmpty()) {
            LOG.warning(() -> "A console login from " + request.getRemoteAddr() + " failed");
            response.sendRedirect("/console/login.html?failed");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId(); // a session fixed before the login is not the logged-in one
        session = request.getSession(false);
        session.setAttribute(USER, user.get());
        LOG.info(() -> "Console: " + user.get().name() + " logged in (" + String.join(", ", user.get().roles())
                + ") from " + request.getRemoteAddr());
        response.sendRedirect("/console/");
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** The host-only audio socket is checked by {@link ConsoleAudioGate}, which also sees its handshake. */
    private static AuthenticationStatus admit(ConsoleUsers.User user, HttpServletRequest request,
                                              HttpMessageContext context) {
        request.setAttribute(USER, user);
        return context.notifyContainerAboutLogin(user.name(), user.roles());
    }

    /**
     * Answers the request here: the mechanism has written the whole response, so the container sends it as it is
     * ({@code SEND_CONTINUE}; {@code SEND_FAILURE} would have Liberty write an error page over it).
     */
    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String reason)
            throws IOException {
        JsonErrors.send(response, status, reason);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** The login page and what it needs, open to all. */
    private static boolean isPublic(String path) {
        return path.equals("/console/login.html") || path.equals("/console/console.css");
    }

    private static boolean bearerMatches(String authorization, String key) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }
}
