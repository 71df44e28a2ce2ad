package io.parley.models.remote;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Every request to a remote model server passes through here, once per turn (never per frame), under MicroProfile
 * Fault Tolerance: an overall timeout, a circuit breaker that stops asking a failing server for a while, a
 * bulkhead that caps the streams one server gets, and, for transcription only, one quick retry (a reply stream
 * cannot be retried without the caller waiting twice), and only within the first second: a request that timed
 * out has used the caller's patience already. The request's own watchdog times the first byte and the
 * gaps between chunks; a cancelled request (barge-in) does not count as a failure.
 *
 * <p>Each value can be overridden with MicroProfile Config, for example
 * {@code io.parley.models.remote.ModelCalls/chat/Bulkhead/value=64} (README, "Fault tolerance"). When a call
 * fails for any reason the caller hears the spoken apology and the conversation goes on.
 */
@ApplicationScoped
public class ModelCalls {

    @Asynchronous
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 0, maxDuration = 1000, retryOn = {IOException.class, ModelServerException.class, TimeoutException.class},
            abortOn = CancellationException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = CancellationException.class)
    @Bulkhead(value = 16, waitingTaskQueue = 32)
    public CompletionStage<String> transcribe(Supplier<CompletionStage<String>> request) {
        return request.get();
    }

    @Asynchronous
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = CancellationException.class)
    @Bulkhead(value = 32, waitingTaskQueue = 32)
    public CompletionStage<String> chat(Supplier<CompletionStage<String>> stream) {
        return stream.get();
    }

    /**
     * Work off every call's path (post-call notes): its own bulkhead and circuit breaker, so that a burst of
     * calls ending together, or a model that fails at long summaries, never takes a live caller's reply's place
     * nor opens the breaker live replies go through. Few at a time, many may wait: nobody is waiting for them.
     */
    @Asynchronous
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = CancellationException.class)
    @Bulkhead(value = 4, waitingTaskQueue = 1000)
    public CompletionStage<String> notes(Supplier<CompletionStage<String>> stream) {
        return stream.get();
    }

    @Asynchronous
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = CancellationException.class)
    @Bulkhead(value = 16, waitingTaskQueue = 32)
    public CompletionStage<Void> speech(Supplier<CompletionStage<Void>> stream) {
        return stream.get();
    }
}
