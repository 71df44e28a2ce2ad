package io.parley.call;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** CDI's {@link Event} outside a container: keeps what was fired, in order. */
final class RecordingEvents implements Event<CallEvent> {

    final List<CallEvent> fired = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void fire(CallEvent event) {
        fired.add(event);
    }

    @Override
    public <U extends CallEvent> CompletionStage<U> fireAsync(U event) {
        fired.add(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends CallEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<CallEvent> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends CallEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
