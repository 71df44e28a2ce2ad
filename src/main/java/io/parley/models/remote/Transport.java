package io.parley.models.remote;

import io.parley.models.RemoteModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** What the remote models share: the HTTP client, the scheduler of their watchdogs, and their guard. */
public record Transport(HttpClient http, ScheduledExecutorService scheduler, Guard guard) {

    public static HttpClient newHttpClient() {
        return builder().build();
    }

    /**
     * A client whose work runs on {@code executor} (in the server: the container's managed executor, so the
     * client adds no threads of its own beyond its selector; without one it keeps a cached pool).
     */
    public static HttpClient newHttpClient(java.util.concurrent.Executor executor) {
        return builder().executor(executor).build();
    }

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3));
    }

    /** A request to {@code path} of the model's server, with its API key when it has one. */
    HttpRequest.Builder request(RemoteModel model, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(model.resolve(path));
        model.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }

    Watchdog watchdog(RemoteModel model, java.util.function.Consumer<StreamStalledException> onStall) {
        return new Watchdog(scheduler, model.firstByteTimeout(), model.idleTimeout(), onStall);
    }
}
