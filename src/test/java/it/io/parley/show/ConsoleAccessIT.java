package it.io.parley.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.parley.ParleyServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Who may use the console and the show's API: form login with host and producer roles on the server that has
 * logins (parleyIT), this machine only on one that has none (parleyLimitsIT), and the host's audio socket's
 * refusals of bad input and of a second console.
 */
class ConsoleAccessIT {

    private static final String SERVER = ParleyServer.LOCAL;
    private static final String USER = System.getProperty("parley.console.user");
    private static final String PASSWORD = System.getProperty("parley.console.password");
    private static final String PRODUCER_PASSWORD = System.getProperty("parley.console.producer-password");

    /** A browser-like client: keeps cookies, does not follow redirects. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest get(String server, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b.GET().build();
    }

    private static HttpRequest post(String path, String body, String contentType) {
        return HttpRequest.newBuilder(URI.create(SERVER + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpClient loggedIn(String user, String password) throws Exception {
        HttpClient client = browser();
        HttpResponse<String> login = send(client, post("/console/login", "j_username=" + user + "&j_password="
                + password, "application/x-www-form-urlencoded"));
        assertEquals(302, login.statusCode(), login.body());
        assertEquals("/console/", URI.create(login.headers().firstValue("Location").orElseThrow()).getPath(),
                "logged in, to the console");
        return client;
    }

    @Test
    void withoutALoginThePagesRedirectAndTheApiAnswers401() throws Exception {
        HttpClient client = browser();
        HttpResponse<String> page = send(client, get(SERVER, "/console/"));
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/console/login.html"));
        assertEquals(200, send(client, get(SERVER, "/console/login.html")).statusCode(), "the login page is open");
        HttpResponse<String> api = send(client, get(SERVER, "/api/show/queue"));
        assertEquals(401, api.statusCode());
        assertTrue(api.body().contains("Log in to the console"), api.body());
        assertEquals(401, send(client, get(SERVER, "/api/show/events")).statusCode());
        assertEquals(401, send(client, get(SERVER, "/api/show", "Authorization", "Bearer wrong")).statusCode());
        HttpResponse<String> wrong = send(client, post("/console/login", "j_username=" + USER + "&j_password=nope",
                "application/x-www-form-urlencoded"));
        assertEquals(302, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Location").orElseThrow().contains("failed"));
        assertEquals(401, send(client, get(SERVER, "/api/show/queue")).statusCode(), "still not logged in");
        CompletableFuture<WebSocket> socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(SERVER.replace("http", "ws") + "/console/audio"), new WebSocket.Listener() { });
        try {
            socket.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the audio socket opened without a login");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
            assertEquals(401, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void aProducerScreensButOnlyTheHostTakesAndDrops() throws Exception {
        HttpClient producer = loggedIn("producer", PRODUCER_PASSWORD);
        assertEquals(200, send(producer, get(SERVER, "/console/")).statusCode());
        assertEquals(200, send(producer, get(SERVER, "/api/show/queue")).statusCode());
        String sid = ParleyServer.newCallSid();
        HttpResponse<String> take = send(producer, post("/api/show/queue/" + sid + "/take", "", "application/json"));
        assertEquals(403, take.statusCode(), take.body());
        assertTrue(take.body().contains("Only the host may take callers on air"), take.body());
        assertEquals(403, send(producer, post("/api/show/next", "", "application/json")).statusCode());
        assertEquals(403, send(producer, post("/api/show/queue/" + sid + "/drop", "", "application/json")).statusCode());
        HttpResponse<String> edit = send(producer, HttpRequest.newBuilder(URI.create(SERVER + "/api/show/queue/" + sid))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"notes\": \"x\"}")).build());
        assertEquals(409, edit.statusCode(), "a producer may edit (this caller is simply not in the queue)");

        HttpClient host = loggedIn(USER, PASSWORD);
        HttpResponse<String> next = send(host, post("/api/show/next", "", "application/json"));
        assertEquals(409, next.statusCode(), "the host may take (nobody is waiting): " + next.body());
        HttpResponse<String> logout = send(host, post("/console/logout", "", "application/x-www-form-urlencoded"));
        assertEquals(302, logout.statusCode());
        assertEquals(401, send(host, get(SERVER, "/api/show/queue")).statusCode(), "logged out");
    }

    @Test
    void withNoLoginsConfiguredTheConsoleServesThisMachineOnly() throws Exception {
        HttpClient client = browser();
        assertEquals(200, send(client, get(ParleyServer.LIMITS, "/console/")).statusCode());
        assertEquals(200, send(client, get(ParleyServer.LIMITS, "/api/show")).statusCode());
        HttpResponse<String> proxied = send(client, get(ParleyServer.LIMITS, "/console/", "X-Forwarded-For",
                "203.0.113.9"));
        assertEquals(403, proxied.statusCode());
        assertTrue(proxied.body().contains("PARLEY_CONSOLE_USER"), proxied.body());
        assertEquals(403, send(client, get(ParleyServer.LIMITS, "/api/show/queue", "Forwarded", "for=203.0.113.9"))
                .statusCode());
    }

    // ---- the host's audio socket ----

    /** Records how the socket closed. */
    private static final class Closing implements WebSocket.Listener {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        int frames;

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            frames++;
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    private static WebSocket host(Closing listener, String query) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + ParleyServer.API_KEY)
                .buildAsync(URI.create(SERVER.replace("http", "ws") + "/console/audio" + query), listener)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theAudioSocketRefusesBadFramesAndASecondConsole() throws Exception {
        Closing first = new Closing();
        WebSocket ws = host(first, "");
        for (int i = 0; i < 10; i++) {
            ws.sendBinary(ByteBuffer.allocate(640), true).get(5, TimeUnit.SECONDS);
            Thread.sleep(20);
        }
        Closing second = new Closing();
        host(second, "");
        assertTrue(second.closed.get(10, TimeUnit.SECONDS).startsWith("4409 another console holds the host's"
                + " microphone"), second.closed.getNow(""));
        Closing third = new Closing();
        WebSocket takeover = host(third, "?takeover=true");
        assertEquals("4409 another console took over the host's microphone", first.closed.get(10, TimeUnit.SECONDS));
        assertTrue(ParleyServer.json(ParleyServer.send(ParleyServer.api("/api/show").GET().build()))
                .getBoolean("hostConnected"), "the host who took over is in the studio");
        Thread.sleep(300);
        assertTrue(third.frames > 0, "the studio plays to the host: " + third.frames + " frames");

        takeover.sendBinary(ByteBuffer.allocate(100), true);
        assertEquals("1003 frames are 640 bytes (20 ms of PCM16 little-endian mono at 16 kHz); got 100",
                third.closed.get(10, TimeUnit.SECONDS));

        Closing texting = new Closing();
        host(texting, "").sendText("{\"hello\": 1}", true);
        assertEquals("1003 the console's audio socket takes binary frames only", texting.closed.get(10, TimeUnit.SECONDS));

        Closing huge = new Closing();
        host(huge, "").sendBinary(ByteBuffer.allocate(64 * 1024), true);
        String why = huge.closed.get(10, TimeUnit.SECONDS);
        assertTrue(why.startsWith("1009") || why.startsWith("1003 frames are 640 bytes") || why.startsWith("1006")
                || why.startsWith("error"), "an oversized message is refused: " + why);
        Thread.sleep(500);
        assertTrue(!ParleyServer.json(ParleyServer.send(ParleyServer.api("/api/show").GET().build()))
                .getBoolean("hostConnected"), "every console has gone");
    }
}
