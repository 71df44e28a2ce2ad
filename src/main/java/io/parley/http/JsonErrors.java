package io.parley.http;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The JSON error body every refusal has, {@code {"status": 403, "error": "..."}}, written by servlet filters
 * (the REST layer has its own mappers for the same shape). The message is for the client: plain words, never
 * internals.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static void send(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder().add("status", status).add("error", message).build()
                .toString());
    }
}
