package it.io.parley;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The fourth test server, whose memory is PostgreSQL: its URL, its database (created here when missing), and
 * the ways its life is cut short: a graceful restart, a {@code kill -9}, the database refusing connections.
 */
public final class MemoryServer {

    public static final String URL = "http://localhost:" + System.getProperty("memory.http.port", "9480");
    public static final String NAME = System.getProperty("memory.server", "parleyMemoryIT");
    public static final String DB = System.getProperty("memory.db", "parley_memory_it");
    private static final String PG = System.getenv().getOrDefault("PARLEY_TEST_PG", "127.0.0.1:5432");
    private static final Path WLP = Path.of(System.getProperty("liberty.wlp.dir", "target/liberty/wlp"));

    private MemoryServer() {
    }

    /**
     * Makes sure the server's database exists and the server writes to it. Skips the caller's tests, with the
     * reason, where no PostgreSQL answers, unless {@code PARLEY_REQUIRE_POSTGRES} is true (CI), when it fails.
     */
    public static void requireDatabase() throws Exception {
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
                if (!r.next()) {
                    s.execute("CREATE DATABASE " + DB);
                }
            }
        } catch (SQLException e) {
            String why = "No PostgreSQL at " + PG + ": " + e.getMessage() + ". The memory tests on PostgreSQL are "
                    + "skipped (PARLEY_TEST_PG points them at another).";
            if (Boolean.parseBoolean(System.getenv("PARLEY_REQUIRE_POSTGRES"))) {
                Assertions.fail(why + " PARLEY_REQUIRE_POSTGRES is set, so this is a failure.");
            }
            Assumptions.abort(why);
        }
        awaitWriting(Duration.ofSeconds(30));
    }

    public static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "");
    }

    public static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG + "/" + DB, "postgres", "");
    }

    /** Refuses new connections to the server's database and ends those it has, or lets them in again. */
    public static void databaseAvailable(boolean available) throws SQLException {
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + DB + " WITH ALLOW_CONNECTIONS " + available);
            if (!available) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DB + "'");
            }
        }
    }

    /** Waits until the server's readiness says its memory takes writes. */
    public static void awaitWriting(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = ParleyServer.send(HttpRequest.newBuilder(URI.create(URL + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build()).body();
                if (writing(last)) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the memory server's database did not take writes within " + timeout + ": " + last);
    }

    private static boolean writing(String health) {
        return ((jakarta.json.JsonObject) ParleyServer.parse(health)).getJsonArray("checks")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database"))
                .map(c -> c.getJsonObject("data"))
                .anyMatch(d -> d.getString("state").equals("writing") && d.getJsonNumber("backlog").longValue() == 0);
    }

    /** A graceful stop (which flushes the writes) and a start. */
    public static void restart() throws Exception {
        run("stop");
        run("start");
        awaitWriting(Duration.ofSeconds(90));
    }

    /** The server's JVM killed with SIGKILL (nothing flushed, nothing closed), then started again. */
    public static void killAndStart() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + NAME + ".pid")).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
        run("start");
        awaitWriting(Duration.ofSeconds(90));
    }

    private static void run(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " " + NAME + " did not finish: " + out);
        }
        if (p.exitValue() != 0 && !(action.equals("stop") && p.exitValue() == 1)) {
            throw new AssertionError("server " + action + " " + NAME + " exited " + p.exitValue() + ": " + out);
        }
    }

    public static HttpResponse<String> api(String path) {
        return ParleyServer.send(ParleyServer.api(URL, path).GET().build());
    }
}
