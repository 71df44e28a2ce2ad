package io.parley.telephony.media;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link MediaLink} over a WebSocket session: asynchronous sends, one in flight at a time (a session's
 * remote endpoint is not safe for concurrent sends), the rest queued in order. Closing happens on
 * {@code closer}, because a close handshake on a stalled socket may wait.
 */
public final class WebSocketLink implements MediaLink {

    private static final Logger LOG = Logger.getLogger(WebSocketLink.class.getName());

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Executor closer;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long busySince;
    private volatile Consumer<Throwable> onFailure = e -> { };

    public WebSocketLink(Session session, Executor closer, long sendTimeoutMillis) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.remote.setSendTimeout(sendTimeoutMillis);
        this.closer = closer;
    }

    /** Told once when a send fails (the peer has gone, or the send timed out). */
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    @Override
    public void send(String message) {
        if (closing.get()) {
            return;
        }
        pending.incrementAndGet();
        queue.add(message);
        pump();
    }

    @Override
    public int pending() {
        return pending.get();
    }

    @Override
    public long busySince() {
        return busySince;
    }

    @Override
    public void close(int code, String reason) {
        close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason)));
    }

    /** Closes the WebSocket with a reason the peer sees, off the caller's thread; idempotent. */
    public void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closer.execute(() -> {
            try {
                if (session.isOpen()) {
                    session.close(reason);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing a media stream failed", e);
            }
        });
    }

    /** A close reason must fit a control frame: 123 bytes of UTF-8. */
    private static String truncate(String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private void pump() {
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                writing.set(false);
                continue;
            }
            busySince = System.nanoTime() | 1;
            try {
                remote.sendText(next, this::sent);
            } catch (RuntimeException e) {
                sent(new SendResult(e));
            }
            return;
        }
    }

    private void sent(SendResult result) {
        pending.decrementAndGet();
        busySince = 0;
        writing.set(false);
        if (!result.isOK()) {
            queue.clear();
            pending.set(0);
            if (!closing.get()) {
                onFailure.accept(result.getException());
            }
            return;
        }
        pump();
    }
}
