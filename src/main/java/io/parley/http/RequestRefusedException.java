package io.parley.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A request Parley will not carry out, with the HTTP status and the plain words its client gets: a malformed
 * value (400), something the configuration does not allow (403), too many requests (429, with when to try again).
 * The message is written for the client, so it never holds internals.
 */
public class RequestRefusedException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public RequestRefusedException(int status, String message) {
        this(status, message, null);
    }

    public RequestRefusedException(int status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
