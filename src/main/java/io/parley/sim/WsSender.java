package io.parley.sim;

import java.net.http.WebSocket;
import java.util.ArrayDeque;

/** Sends on a JDK WebSocket one message at a time (it refuses a send while one is pending), the rest queued. */
final class WsSender {

    private final WebSocket ws;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private volatile Throwable failure;

    WsSender(WebSocket ws) {
        this.ws = ws;
    }

    void send(String text) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            if (sending) {
                queue.add(text);
                return;
            }
            sending = true;
        }
        write(text);
    }

    Throwable failure() {
        return failure;
    }

    private void write(String text) {
        ws.sendText(text, true).whenComplete((w, error) -> {
            String next;
            synchronized (this) {
                if (error != null) {
                    failure = error;
                    queue.clear();
                }
                next = queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            write(next);
        });
    }
}
