package io.parley.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

/**
 * The console's files ({@code src/main/webapp/console}): the page, its ES modules, worklets and style, served as
 * they are in the WAR. The REST application answers every path from the root, so the console's folder has this
 * servlet of its own. Only the files that exist are served, with their type and a revalidation header; a path
 * that leaves the folder is refused by the container before it gets here.
 */
@WebServlet("/console/*")
public class ConsolePages extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml", "wav", "audio/wav");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect("/console/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        URL resource = type == null || path.contains("..") ? null : getServletContext().getResource("/console" + path);
        if (resource == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.endsWith(".html")) {
            response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                    + "style-src 'self'; media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'");
        }
        try (InputStream in = resource.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
