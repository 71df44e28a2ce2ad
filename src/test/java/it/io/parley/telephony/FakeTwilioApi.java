package it.io.parley.telephony;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.http.FormBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's REST API as far as Parley uses it, on loopback: {@code POST /2010-04-01/Accounts/{sid}/Calls.json}
 * answers 201 with a snake_case call resource, or the error it was told to give. Every request is kept as
 * received, so tests can check the exact form fields twilio-java sent.
 */
public final class FakeTwilioApi implements AutoCloseable {

    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]+)/Calls\\.json");

    public record Received(String method, String path, String authorization, String contentType, String body,
                           Map<String, List<String>> form) {
    }

    private record Failure(int status, String json) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Failure nextFailure;

    public FakeTwilioApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    public List<Received> received() {
        return received;
    }

    /** The next request gets this Twilio error: {@code {"code", "message", "more_info", "status"}}. */
    public void failNext(int status, int code, String message) {
        nextFailure = new Failure(status, "{\"code\": " + code + ", \"message\": \"" + message
                + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            respond(exchange, 400, "{\"code\": 20001, \"message\": \"" + e.getMessage() + "\", \"status\": 400}");
            return;
        }
        received.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, form));

        Matcher calls = CALLS.matcher(path);
        Failure failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
            respond(exchange, failure.status(), failure.json());
        } else if (calls.matches() && exchange.getRequestMethod().equals("POST")) {
            String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
            respond(exchange, 201, "{\"sid\": \"" + sid + "\", \"account_sid\": \"" + calls.group(1) + "\","
                    + " \"to\": \"" + first(form, "To") + "\", \"from\": \"" + first(form, "From") + "\","
                    + " \"status\": \"queued\", \"direction\": \"outbound-api\", \"api_version\": \"2010-04-01\","
                    + " \"date_created\": null, \"uri\": \"/2010-04-01/Accounts/" + calls.group(1) + "/Calls/" + sid + ".json\"}");
        } else {
            respond(exchange, 404, "{\"code\": 20404, \"message\": \"The requested resource " + path
                    + " was not found\", \"more_info\": \"https://www.twilio.com/docs/errors/20404\", \"status\": 404}");
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? "" : values.get(0);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
