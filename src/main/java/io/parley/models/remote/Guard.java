package io.parley.models.remote;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How a remote model runs its requests: through {@link ModelCalls} in the server (fault tolerance), directly in
 * unit tests of the wire protocol.
 */
public interface Guard {

    CompletionStage<String> transcribe(Supplier<CompletionStage<String>> request);

    CompletionStage<String> chat(Supplier<CompletionStage<String>> stream);

    CompletionStage<Void> speech(Supplier<CompletionStage<Void>> stream);

    /** A chat for work off every call's path (post-call notes); apart from live replies where it matters. */
    default CompletionStage<String> notes(Supplier<CompletionStage<String>> stream) {
        return chat(stream);
    }

    /** No protection: each request runs once, as it is. */
    static Guard none() {
        return new Guard() {
            @Override
            public CompletionStage<String> transcribe(Supplier<CompletionStage<String>> request) {
                return request.get();
            }

            @Override
            public CompletionStage<String> chat(Supplier<CompletionStage<String>> stream) {
                return stream.get();
            }

            @Override
            public CompletionStage<Void> speech(Supplier<CompletionStage<Void>> stream) {
                return stream.get();
            }
        };
    }

    /** Through the fault-tolerant bean. */
    static Guard of(ModelCalls calls) {
        return new Guard() {
            @Override
            public CompletionStage<String> transcribe(Supplier<CompletionStage<String>> request) {
                return calls.transcribe(request);
            }

            @Override
            public CompletionStage<String> chat(Supplier<CompletionStage<String>> stream) {
                return calls.chat(stream);
            }

            @Override
            public CompletionStage<Void> speech(Supplier<CompletionStage<Void>> stream) {
                return calls.speech(stream);
            }

            @Override
            public CompletionStage<String> notes(Supplier<CompletionStage<String>> stream) {
                return calls.notes(stream);
            }
        };
    }
}
