package io.parley.conversation;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * A model's failure in words for the call record ({@code turns[].failure}): what happened, without class names.
 * The log keeps the exception itself.
 */
public final class Failures {

    private Failures() {
    }

    public static String describe(String stage, Throwable error) {
        return stage + ": " + describe(unwrap(error));
    }

    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return "not asked: its circuit breaker is open after repeated failures";
        }
        if (e instanceof BulkheadException) {
            return "not asked: it is serving as many requests as its bulkhead allows";
        }
        String message = e.getMessage();
        if (e instanceof TimeoutException || e instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return message == null || message.isBlank() ? "timed out" : message;
        }
        return message == null || message.isBlank() ? "failed (" + e.getClass().getSimpleName() + ")" : message;
    }
}
