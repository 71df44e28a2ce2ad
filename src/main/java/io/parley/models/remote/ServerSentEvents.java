package io.parley.models.remote;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a Server-Sent Events body into events' data, as bytes arrive in chunks of any size (a UTF-8 character
 * or a line may be split between two chunks). Only {@code data:} fields matter to the OpenAI-compatible APIs;
 * comments ({@code :keep-alive}) and other fields are skipped, and several {@code data:} lines of one event are
 * joined with newlines, as the SSE format says.
 */
final class ServerSentEvents {

    private final Consumer<String> events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    ServerSentEvents(Consumer<String> events) {
        this.events = events;
    }

    void accept(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (b == '\n') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }

    /** The body ended: a last event without its blank line still counts. */
    void end() {
        if (line.size() > 0) {
            line(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        dispatch();
    }

    private void line(String text) {
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("data:")) {
            String value = text.substring(5);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private void dispatch() {
        if (hasData) {
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            events.accept(event);
        }
    }
}
