package io.parley.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a request comes from: this machine, or elsewhere (a proxy or tunnel on this machine counts as elsewhere). */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** Whether the request came straight from this machine: a loopback address and no forwarding headers. */
    public static boolean local(HttpServletRequest request) {
        return !forwarded(request) && isLoopback(request.getRemoteAddr());
    }

    /** Whether the request carries {@code Forwarded} or {@code X-Forwarded-*} headers (a proxy or tunnel). */
    public static boolean forwarded(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Forwarded-Host") != null;
    }

    public static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            // an IP literal is parsed without a name look-up
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
