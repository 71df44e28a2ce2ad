package io.parley.show;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** A queued caller as the API and the console read it. */
final class QueueJson {

    private QueueJson() {
    }

    static JsonObject of(QueuedCall c, int position, Instant now) {
        JsonObjectBuilder caller = Json.createObjectBuilder().add("returning", c.returning());
        if (c.callerId() != null) {
            caller.add("id", c.callerId());
        }
        add(caller, "name", c.callerName());
        add(caller, "lastSummary", c.lastSummary());
        JsonObjectBuilder out = Json.createObjectBuilder().add("callSid", c.callSid());
        add(out, "from", c.from());
        out.add("caller", caller);
        add(out, "name", c.name());
        add(out, "topic", c.topic());
        out.add("displayName", c.displayName()).add("status", c.status().label()).add("position", position)
                .add("priority", c.priority()).add("waitingSeconds", c.waited(now).toSeconds())
                .add("enqueuedAt", c.enqueuedAt().toString());
        add(out, "notes", c.notes());
        add(out, "server", c.server());
        return out.build();
    }

    private static void add(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }
}
