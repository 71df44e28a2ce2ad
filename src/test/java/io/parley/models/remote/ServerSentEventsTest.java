package io.parley.models.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void eventsAreFoundWhereverTheChunksAreCut() {
        String body = ": keep-alive\r\n\r\ndata: {\"a\":\"é\"}\n\nevent: x\ndata: one\ndata: two\n\ndata:[DONE]";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            List<String> events = new ArrayList<>();
            ServerSentEvents sse = new ServerSentEvents(events::add);
            for (int offset = 0; offset < bytes.length; offset += size) {
                sse.accept(ByteBuffer.wrap(bytes, offset, Math.min(size, bytes.length - offset)));
            }
            sse.end();
            assertEquals(List.of("{\"a\":\"é\"}", "one\ntwo", "[DONE]"), events, "chunks of " + size + " bytes");
        }
    }
}
