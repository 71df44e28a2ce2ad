package io.parley.telephony;

import io.parley.call.CallSession;
import io.parley.call.CallSessions;
import io.parley.call.MediaSettings;
import io.parley.telephony.media.TwilioOutput;
import io.parley.telephony.media.TwilioStream;
import io.parley.telephony.media.WebSocketLink;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code WS /twilio/media}: Twilio's bidirectional media stream. Thin on purpose: each message is handed to
 * the stream's {@link TwilioStream}, which parses it on this thread and hands the event to the call's
 * {@link CallSession}, which queues the work on the call's own executor; nothing here waits. The handshake has already passed {@link TwilioSignatureFilter}.
 *
 * <p>Text arrives in parts (one per frame), so that the stream can bound a message while it is being received:
 * a whole-message handler would have Liberty assemble a message of any length from continuation frames first.
 */
@ServerEndpoint(StreamTwiml.MEDIA_PATH)
@Dependent // a CDI bean (one instance per connection), so that Liberty injects it
public class MediaStreamEndpoint {

    /** Largest frame buffered ({@link TwilioStream#MAX_MESSAGE_CHARS}; the stream bounds whole messages). */
    static final int MAX_MESSAGE_BYTES = TwilioStream.MAX_MESSAGE_CHARS;
    /** A stream that sends nothing for this long is gone (Twilio sends audio every 20 ms, even silence). */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = Logger.getLogger(MediaStreamEndpoint.class.getName());
    private static final String STREAM = TwilioStream.class.getName();

    @Inject
    CallSessions sessions;

    @Inject
    MediaSettings settings;

    @OnOpen
    public void open(Session ws) {
        ws.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        ws.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        ws.setMaxIdleTimeout(IDLE_TIMEOUT_MILLIS);
        WebSocketLink link = new WebSocketLink(ws, sessions.executor(),
                settings.playback().stallTimeout().toMillis());
        TwilioOutput output = new TwilioOutput(link);
        Optional<CallSession> opened = sessions.open(output);
        if (opened.isEmpty()) {
            LOG.warning(() -> "Refused a media stream: " + settings.maxSessions() + " are open already ("
                    + TwilioSettings.describe(MediaSettings.MAX_SESSIONS) + ")");
            link.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "server at capacity: too many media streams"));
            return;
        }
        CallSession session = opened.get();
        link.onFailure(session::failed);
        ws.getUserProperties().put(STREAM, new TwilioStream(session, output));
    }

    @OnMessage
    public void text(Session ws, String part, boolean last) {
        TwilioStream stream = stream(ws);
        if (stream != null) {
            stream.receive(part, last);
        }
    }

    @OnMessage
    public void binary(Session ws, ByteBuffer data, boolean last) {
        TwilioStream stream = stream(ws);
        if (stream != null) {
            stream.receiveBinary(data.remaining());
        }
    }

    @OnClose
    public void close(Session ws, CloseReason reason) {
        TwilioStream stream = stream(ws);
        if (stream != null) {
            stream.session().closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    @OnError
    public void error(Session ws, Throwable error) {
        TwilioStream stream = stream(ws);
        if (stream != null) {
            stream.session().failed(error);
        }
    }

    /** The socket's stream; null before it has one, or once Liberty has let go of the socket's properties. */
    private static TwilioStream stream(Session ws) {
        var properties = ws.getUserProperties();
        return properties == null ? null : (TwilioStream) properties.get(STREAM);
    }
}
