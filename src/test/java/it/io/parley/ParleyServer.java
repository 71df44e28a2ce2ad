package it.io.parley;

import io.parley.sim.TwilioSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Liberty server the build started for these tests, and the settings it was given (passed to the tests as
 * system properties by failsafe, so nothing here hard-codes a port or a token).
 */
public final class ParleyServer {

    public static final String LOCAL = "http://localhost:" + System.getProperty("http.port", "9180");
    /** The second server, whose models are remote (the tests' fake model servers on {@link #FAKE_MODELS_PORT}). */
    public static final String REMOTE = "http://localhost:" + System.getProperty("remote.http.port", "9280");
    public static final int FAKE_MODELS_PORT = Integer.getInteger("fake.models.port", 9290);
    public static final String PUBLIC = System.getProperty("parley.public-url", "https://parley.example.test");
    public static final String AUTH_TOKEN = System.getProperty("twilio.auth-token");
    public static final String ACCOUNT_SID = System.getProperty("twilio.account-sid");
    /** The account's numbers ({@code twilio.phone-number} lists them); the first is the caller ID. */
    public static final java.util.List<String> PHONE_NUMBERS = java.util.List.of(
            System.getProperty("twilio.phone-number", "+15005550006").split(","));
    public static final String PHONE_NUMBER = PHONE_NUMBERS.get(0);
    /**
     * The third server: production settings but no {@code parley.public-url} (Twilio's URLs are taken from the
     * {@code Host} header), and small limits: 3 media streams, 3 calls a minute, 3 s for a call's stream.
     */
    public static final String LIMITS = "http://localhost:" + System.getProperty("limits.http.port", "9380");
    public static final String API_KEY = System.getProperty("parley.api-key");
    public static final int FAKE_TWILIO_PORT = Integer.getInteger("fake.twilio.port", 9189);

    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ParleyServer() {
    }

    public static String newCallSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The form fields Twilio posts to the voice webhook for a new inbound call. */
    public static Map<String, String> inboundCall(String callSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Called", "+15559870000");
        params.put("Caller", "+15551230000");
        params.put("Direction", "inbound");
        params.put("From", "+15551230000");
        params.put("To", "+15559870000");
        return params;
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Posts a form to {@code path} on the local server; {@code signature} null sends none. */
    public static HttpResponse<String> postForm(String path, Map<String, String> params, String signature) {
        return postForm(LOCAL, path, params, signature);
    }

    /** Posts a form to {@code path} on {@code server}; {@code signature} null sends none. */
    public static HttpResponse<String> postForm(String server, String path, Map<String, String> params, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return send(request.build());
    }

    /** Posts a form as Twilio would: signed with the server's auth token over the public URL. */
    public static HttpResponse<String> postSigned(String path, Map<String, String> params) {
        return postForm(path, params, new TwilioSigner(AUTH_TOKEN).sign(PUBLIC + path, params));
    }

    public static HttpRequest.Builder api(String path) {
        return api(LOCAL, path);
    }

    public static HttpRequest.Builder api(String server, String path) {
        return HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Accept", "application/json");
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(LOCAL + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    public static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    public static JsonObject call(String callSid) {
        return call(LOCAL, callSid);
    }

    /** {@code GET /api/calls/{sid}} of {@code server} ({@link #LOCAL} or {@link #REMOTE}). */
    public static JsonObject call(String server, String callSid) {
        HttpResponse<String> response = send(api(server, "/api/calls/" + callSid).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/calls/" + callSid + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /**
     * One series of {@code server}'s {@code /metrics} in Prometheus text, for example
     * {@code parley_interruptions_total{mp_scope="application",outcome="resumed",}}; 0 when it is not there yet.
     */
    public static double metric(String server, String series) {
        String body = send(HttpRequest.newBuilder(URI.create(server + "/metrics")).timeout(Duration.ofSeconds(10))
                .GET().build()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series)
                + " ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
