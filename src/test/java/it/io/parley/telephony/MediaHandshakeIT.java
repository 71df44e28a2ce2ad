package it.io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.sim.TwilioSigner;
import it.io.parley.ParleyServer;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The media-stream WebSocket handshake needs Twilio's signature over the public {@code wss} URL. */
class MediaHandshakeIT {

    private static final URI LOCAL_MEDIA = URI.create(ParleyServer.LOCAL.replace("http://", "ws://") + "/twilio/media");
    private static final String SIGNED_URL = ParleyServer.PUBLIC.replace("https://", "wss://") + "/twilio/media";

    private static int refusedWith(String signature) {
        WebSocket.Builder builder = ParleyServer.HTTP.newWebSocketBuilder();
        if (signature != null) {
            builder.header("X-Twilio-Signature", signature);
        }
        CompletionException failure = assertThrows(CompletionException.class, () -> builder
                .buildAsync(LOCAL_MEDIA, new WebSocket.Listener() { })
                .orTimeout(10, TimeUnit.SECONDS).join());
        return assertInstanceOf(WebSocketHandshakeException.class, failure.getCause()).getResponse().statusCode();
    }

    @Test
    void handshakeSignedOverThePublicWssUrlOpensTheStream() throws Exception {
        RawStream stream = RawStream.open();
        stream.close();
        assertEquals(1000, stream.closeCode(10), "opened (101), then closed normally");
    }

    @Test
    void unsignedHandshakeIsRefused() {
        assertEquals(403, refusedWith(null));
    }

    @Test
    void handshakeSignedWithAnotherTokenIsRefused() {
        assertEquals(403, refusedWith(new TwilioSigner("wrong-token").sign(SIGNED_URL)));
    }

    @Test
    void handshakeSignedOverTheHttpsUrlInsteadOfWssIsRefused() {
        assertEquals(403, refusedWith(new TwilioSigner(ParleyServer.AUTH_TOKEN).sign(ParleyServer.PUBLIC + "/twilio/media")));
    }
}
