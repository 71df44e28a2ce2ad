package io.parley.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reading a request's body with a limit, so that a client cannot make the server hold more than that. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The whole body, or null when it is larger than {@code limit} bytes (by its {@code Content-Length}, or, for
     * a chunked body, as soon as more than {@code limit} bytes have come). A request without a body gives an
     * empty array.
     */
    public static byte[] read(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        if (request.getContentLengthLong() == 0) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : bytes;
        }
    }

    public static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    public static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }
}
