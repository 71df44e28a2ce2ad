package io.parley.api;

import io.parley.console.ConsoleAuthentication;
import io.parley.console.ConsoleUsers;
import io.parley.http.RequestRefusedException;
import jakarta.servlet.http.HttpServletRequest;

/** The show's rule: producers screen and edit; only the host changes what goes on air. */
final class HostOnly {

    private HostOnly() {
    }

    /** @throws RequestRefusedException (403) unless the request's console user is the host */
    static void require(HttpServletRequest request, String what) {
        boolean host = ConsoleAuthentication.user(request).map(u -> u.is(ConsoleUsers.HOST)).orElse(false);
        if (!host) {
            throw new RequestRefusedException(403, "Only the host may " + what);
        }
    }
}
