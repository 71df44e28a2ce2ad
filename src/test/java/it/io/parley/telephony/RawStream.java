package it.io.parley.telephony;

import io.parley.sim.TwilioSigner;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import it.io.parley.ParleyServer;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media stream driven message by message, to say what Twilio never would. Signed like Twilio's handshake.
 * Keeps what the server sends and how it closed. With {@code reading} false it stops reading after the first
 * messages, like a client whose socket has stalled.
 */
final class RawStream implements WebSocket.Listener {

    static final URI LOCAL_MEDIA = URI.create(ParleyServer.LOCAL.replace("http://", "ws://") + "/twilio/media");
    static final String SIGNED_URL = ParleyServer.PUBLIC.replace("https://", "wss://") + "/twilio/media";

    final String callSid = ParleyServer.newCallSid();
    final String streamSid = "MZ" + UUID.randomUUID().toString().replace("-", "");
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String closeReason;
    private final boolean reading;
    private final AtomicInteger sequence = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;

    private RawStream(boolean reading) {
        this.reading = reading;
        this.ws = ParleyServer.HTTP.newWebSocketBuilder()
                .header("X-Twilio-Signature", new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(SIGNED_URL))
                .buildAsync(LOCAL_MEDIA, this).orTimeout(10, TimeUnit.SECONDS).join();
    }

    static RawStream open() {
        return new RawStream(true);
    }

    static RawStream openNotReading() {
        return new RawStream(false);
    }

    RawStream send(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends a media frame unless the stream is closed already; false once it is (the server cut it off). */
    boolean tryMedia(byte[] frame) {
        try {
            media(frame);
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            return false;
        }
    }

    RawStream start() {
        return start(callSid);
    }

    RawStream start(String sid) {
        return send(TwilioMessages.writeEvent(new StreamEvent.Start(sequence.incrementAndGet(), streamSid,
                ParleyServer.ACCOUNT_SID, sid, List.of("inbound"), new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1),
                Map.of("From", "+15551230000", "To", "+15559870000", "Direction", "inbound"))));
    }

    RawStream media(byte[] frame) {
        int seq = sequence.incrementAndGet();
        return send(TwilioMessages.writeEvent(new StreamEvent.Media(seq, streamSid, "inbound", seq, seq * 20L, frame)));
    }

    RawStream stop() {
        return send(TwilioMessages.writeEvent(new StreamEvent.Stop(sequence.incrementAndGet(), streamSid,
                ParleyServer.ACCOUNT_SID, callSid)));
    }

    void sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Drops the connection without a close handshake, like a client that vanished. */
    void vanish() {
        ws.abort();
    }

    /** Closes normally and waits (up to 10 s) for the server's side of the close handshake. */
    void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        closed.completeOnTimeout(-1, 10, TimeUnit.SECONDS).join();
        ws.abort();
    }

    /** The next message the server sent whose text contains {@code fragment}, or null after {@code seconds}. */
    String next(String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && message.contains(fragment)) {
                return message;
            }
        }
        return null;
    }

    int closeCode(int seconds) {
        return closed.orTimeout(seconds, TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        if (reading || received.size() < 3) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
