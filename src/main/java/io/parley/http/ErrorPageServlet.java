package io.parley.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the whole application ({@code WEB-INF/web.xml}): whatever fails before or outside the REST
 * layer (a request URI the web container will not take, an exception no one handled) is answered with the same
 * JSON error as everything else, in plain words. The container's own page would name its classes and messages.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error";

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    private static final Map<Integer, String> WORDS = Map.of(
            400, "Bad request: the request line, a header or the body could not be read",
            401, "Not authorised",
            403, "Forbidden",
            404, "Nothing here",
            405, "This path does not take that method",
            413, "The body is too large",
            415, "This path does not take a body of that Content-Type",
            500, "Internal error; the server's log has the details",
            503, "The server cannot take this request now");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer c ? c : 404;
        String message = WORDS.getOrDefault(status, status >= 500 ? "Request failed" : "Request refused");
        if (error != null && status >= 500) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Request to " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " failed (error " + id + ")", error);
            message = "Internal error " + id + "; the server's log has the details";
        }
        response.resetBuffer();
        JsonErrors.send(response, status, message);
    }
}
