package io.parley.models.remote;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * One streamed HTTP response, read without holding a thread: the body's chunks go to a {@link Sink} as the
 * HTTP client receives them. An error status, or a success whose content type is not the promised one (a JSON
 * error under 200), fails the exchange with the start of the body in the message. {@link #cancel()} closes the
 * connection, which is how a GPU server learns to stop generating.
 */
final class StreamingExchange implements Flow.Subscriber<List<ByteBuffer>> {

    /** Receives the body; may throw to fail the exchange (a malformed event). Called on the client's threads. */
    interface Sink {
        void chunk(ByteBuffer data) throws Exception;

        /** The body is complete. */
        void end() throws Exception;
    }

    private static final int ERROR_BODY_LIMIT = 600;

    private final String server;
    private final HttpRequest request;
    private final List<String> refusedTypes;
    private final Sink sink;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> sending;
    private volatile String problem;
    private volatile boolean bodyComplete;
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

    /**
     * @param refusedTypes content types (prefixes) that mean the server did not do what was asked
     */
    StreamingExchange(String server, HttpRequest request, List<String> refusedTypes, Sink sink) {
        this.server = server;
        this.request = request;
        this.refusedTypes = refusedTypes;
        this.sink = sink;
    }

    CompletableFuture<Void> start(HttpClient http) {
        sending = http.sendAsync(request, info -> {
            String type = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (info.statusCode() / 100 != 2) {
                problem = server + " answered HTTP " + info.statusCode();
            } else if (refusedTypes.stream().anyMatch(type::startsWith)) {
                problem = server + " answered HTTP " + info.statusCode() + " with " + type + " instead of a stream";
            }
            return HttpResponse.BodySubscribers.fromSubscriber(this);
        });
        sending.whenComplete((response, error) -> {
            if (error != null) {
                fail(connectionProblem(error));
            }
        });
        return done;
    }

    /** The HTTP client says little when it cannot connect ("java.net.ConnectException"): say who and what. */
    private Throwable connectionProblem(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof java.net.ConnectException) {
                return new ModelServerException(server + " could not be reached (connection refused or timed out)", e);
            }
        }
        return error;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * Completes with {@code value} once the exchange is done, or with the exchange's own exception: fault
     * tolerance must see a {@link CancellationException} or a server's error as itself, not wrapped in a
     * {@link CompletionException} (it would not skip the one or retry the other).
     */
    <T> CompletableFuture<T> result(java.util.function.Supplier<T> value) {
        CompletableFuture<T> result = new CompletableFuture<>();
        done.whenComplete((v, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                try {
                    result.complete(value.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    void cancel() {
        fail(new CancellationException("cancelled"));
    }

    /** Fails the exchange (a stalled stream, a malformed event) and closes the connection. */
    void fail(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (done.completeExceptionally(cause) && !bodyComplete) {
            // Only a response still under way is aborted: a complete one has left its connection to the pool,
            // and aborting then would close a connection the next request is about to use.
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> f = sending;
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (done.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (done.isDone()) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                if (problem != null) {
                    int take = Math.min(buffer.remaining(), ERROR_BODY_LIMIT - errorBody.size());
                    if (take > 0) {
                        byte[] bytes = new byte[take];
                        buffer.get(bytes);
                        errorBody.write(bytes, 0, take);
                    }
                } else {
                    sink.chunk(buffer);
                }
            }
        } catch (Exception e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    @Override
    public void onComplete() {
        bodyComplete = true;
        if (done.isDone()) {
            return;
        }
        if (problem != null) {
            String body = errorBody.toString(StandardCharsets.UTF_8).strip();
            fail(new ModelServerException(problem + (body.isEmpty() ? "" : ": " + body)));
            return;
        }
        try {
            sink.end();
            done.complete(null);
        } catch (Exception e) {
            fail(e);
        }
    }
}
