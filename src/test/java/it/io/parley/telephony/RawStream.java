package it.io.parley.telephony;

import io.parley.call.StreamTokens;
import io.parley.sim.StreamInstructions;
import io.parley.sim.TwilioSigner;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import it.io.parley.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media stream driven message by message, to say what Twilio never would. {@link #forNewCall()} first posts
 * the signed voice webhook for a new call, as Twilio does, and keeps the TwiML's parameters (with the call's
 * stream token) for {@link #start()}; {@link #open()} opens a stream for no call at all. The handshake is signed
 * like Twilio's. Keeps what the server sends and how it closed. With {@code reading} false it stops reading after
 * the first messages, like a client whose socket has stalled.
 */
final class RawStream implements WebSocket.Listener {

    static final URI LOCAL_MEDIA = URI.create(ParleyServer.LOCAL.replace("http://", "ws://") + "/twilio/media");
    static final String SIGNED_URL = ParleyServer.PUBLIC.replace("https://", "wss://") + "/twilio/media";

    final String callSid;
    final String streamSid = "MZ" + UUID.randomUUID().toString().replace("-", "");
    /** The TwiML's {@code <Parameter>}s for this call, token included; empty for a stream opened for no call. */
    final Map<String, String> parameters;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String closeReason;
    private final boolean reading;
    private final AtomicInteger sequence = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;

    private RawStream(String callSid, Map<String, String> parameters, boolean reading) {
        this(LOCAL_MEDIA, SIGNED_URL, callSid, parameters, reading);
    }

    private RawStream(URI media, String signedUrl, String callSid, Map<String, String> parameters, boolean reading) {
        this.callSid = callSid;
        this.parameters = parameters;
        this.reading = reading;
        this.ws = ParleyServer.HTTP.newWebSocketBuilder()
                .header("X-Twilio-Signature", new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(signedUrl))
                .buildAsync(media, this).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * A stream for no call on {@code server}, a server without {@code parley.public-url}: the handshake is signed
     * over the URL it is sent to, as Twilio would sign it there.
     */
    static RawStream openOn(String server) {
        String media = server.replace("http://", "ws://") + "/twilio/media";
        return new RawStream(URI.create(media), media, ParleyServer.newCallSid(), Map.of(), true);
    }

    /** A stream opened with a valid (replayed) handshake, for no call Parley connected. */
    static RawStream open() {
        return new RawStream(ParleyServer.newCallSid(), Map.of(), true);
    }

    /** A new call, connected by the signed voice webhook, and its stream. */
    static RawStream forNewCall() {
        return forNewCall(true);
    }

    /** A new call whose stream stops reading after the first messages. */
    static RawStream forNewCallNotReading() {
        return forNewCall(false);
    }

    private static RawStream forNewCall(boolean reading) {
        String callSid = ParleyServer.newCallSid();
        return new RawStream(callSid, connect(callSid), reading);
    }

    /** Posts the signed voice webhook for {@code callSid} and returns the stream parameters of its TwiML. */
    static Map<String, String> connect(String callSid) {
        HttpResponse<String> answer = ParleyServer.postSigned("/twilio/voice", ParleyServer.inboundCall(callSid));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the voice webhook answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return StreamInstructions.parse(answer.body()).parameters();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawStream send(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends one frame of a message that may go on ({@code last} false: a continuation follows). */
    void sendPart(String text, boolean last) {
        ws.sendText(text, last).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Like {@link #sendPart}, but false once the connection is gone instead of throwing. */
    boolean trySendPart(String text, boolean last) {
        try {
            sendPart(text, last);
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    /** Sends a media frame unless the stream is closed already; false once it is (the server cut it off). */
    boolean tryMedia(byte[] frame) {
        try {
            media(frame);
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    /** Twilio's start for this stream's call, with the parameters its TwiML gave. */
    RawStream start() {
        return start(callSid, parameters);
    }

    /** A start naming any call, with any parameters. */
    RawStream start(String sid, Map<String, String> customParameters) {
        Map<String, String> all = new HashMap<>(Map.of("From", "+15551230000", "To", "+15559870000",
                "Direction", "inbound"));
        all.putAll(customParameters);
        return send(TwilioMessages.writeEvent(new StreamEvent.Start(sequence.incrementAndGet(), streamSid,
                ParleyServer.ACCOUNT_SID, sid, List.of("inbound"), new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1),
                all)));
    }

    /** The token of this stream's call. */
    String token() {
        return parameters.get(StreamTokens.PARAMETER);
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
