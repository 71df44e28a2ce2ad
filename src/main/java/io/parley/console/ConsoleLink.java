package io.parley.console;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The way to the host's browser: binary frames sent asynchronously, one in flight (a session's remote is not safe
 * for concurrent sends), the rest queued in order. The queue holds at most {@value #MAX_QUEUED} frames (200 ms):
 * a browser that falls behind loses its oldest audio rather than hearing the studio ever later.
 */
final class ConsoleLink {

    static final int MAX_QUEUED = 10;
    private static final Logger LOG = Logger.getLogger(ConsoleLink.class.getName());

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Executor closer;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private boolean writing;

    ConsoleLink(Session session, Executor closer) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.remote.setSendTimeout(5000);
        this.closer = closer;
    }

    void send(ByteBuffer frame) {
        if (closing.get()) {
            return;
        }
        ByteBuffer next;
        synchronized (this) {
            if (queue.size() >= MAX_QUEUED) {
                queue.poll();
                dropped.incrementAndGet();
            }
            queue.add(frame);
            if (writing) {
                return;
            }
            writing = true;
            next = queue.poll();
        }
        write(next);
    }

    private void write(ByteBuffer frame) {
        try {
            remote.sendBinary(frame, this::sent);
        } catch (RuntimeException e) {
            sent(new SendResult(e));
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            synchronized (this) {
                queue.clear();
                writing = false;
            }
            LOG.log(Level.FINE, "A frame to the host's console was not sent", result.getException());
            return;
        }
        ByteBuffer next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                writing = false;
                return;
            }
        }
        write(next);
    }

    long dropped() {
        return dropped.get();
    }

    /** Closes the socket with a code and a reason the console shows, off the caller's thread; idempotent. */
    void close(CloseReason.CloseCode code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closer.execute(() -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(code, truncate(reason)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing the console's audio failed", e);
            }
        });
    }

    private static String truncate(String reason) {
        String text = reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
