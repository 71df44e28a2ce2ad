package io.parley.console;

import io.parley.conversation.ConversationSettings;
import io.parley.media.InboundGuard;
import io.parley.models.Models;
import io.parley.show.Show;
import io.parley.studio.Studio;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * {@code WS /console/audio}: the host's microphone and ears. Binary frames both ways, 20 ms of PCM16 little-endian
 * mono at 16 kHz (640 bytes). The host's leg joins the studio when the socket opens and leaves it when it closes:
 * callers on air then go back on hold, in order, with a message.
 *
 * <p>One host at a time: a second console is refused (4409) unless it asks to take over ({@code ?takeover=true}),
 * when the first is closed with a reason that says so. A frame of any other size, or text, closes the socket with
 * 1003 and the reason; a frame over 4 KiB with 1009; frames much faster than real time with 1008. Who may connect
 * is the console's login (the handshake passes the same security as {@code /console/}).
 */
@ServerEndpoint("/console/audio")
@Dependent
public class ConsoleAudioEndpoint {

    /** The WebSocket close code for "another console holds the host's microphone". */
    static final int HOST_TAKEN = 4409;
    static final int MAX_MESSAGE_BYTES = 4096;
    private static final String LEG = HostLeg.class.getName();
    private static final String GUARD = InboundGuard.class.getName();
    private static final String LINK = ConsoleLink.class.getName();
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final Logger LOG = Logger.getLogger(ConsoleAudioEndpoint.class.getName());

    @Inject
    Show show;

    @Inject
    HostConsoles consoles;

    @Inject
    Studio studio;

    @Inject
    Models models;

    @Inject
    ConversationSettings conversation;

    @Resource
    ManagedExecutorService executor;

    @OnOpen
    public void open(Session ws) {
        ws.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        ws.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        ws.setMaxIdleTimeout(30_000);
        ConsoleLink link = new ConsoleLink(ws, executor);
        boolean takeover = List.of("true").equals(ws.getRequestParameterMap().get("takeover"));
        HostLeg leg = new HostLeg("host " + CONNECTIONS.incrementAndGet(), link);
        HostConsoles.Claim claim = consoles.claim(leg, link, takeover);
        if (!claim.granted()) {
            LOG.warning("Refused a second host console: another one holds the microphone");
            link.close(CloseReason.CloseCodes.getCloseCode(HOST_TAKEN), "another console holds the host's"
                    + " microphone; close it, or connect with ?takeover=true");
            return;
        }
        ws.getUserProperties().put(LEG, leg);
        ws.getUserProperties().put(LINK, link);
        ws.getUserProperties().put(GUARD, new InboundGuard(System.nanoTime()));
        try {
            leg.ears(new HostEars(models, conversation, executor, studio));
        } catch (RuntimeException e) {
            LOG.warning(() -> "The host is heard in the studio but not transcribed: " + e.getMessage());
        }
        show.hostJoined(leg);
        claim.closeDisplaced();
    }

    @OnMessage
    public void binary(Session ws, ByteBuffer frame, boolean last) {
        HostLeg leg = (HostLeg) ws.getUserProperties().get(LEG);
        if (leg == null) {
            return;
        }
        ConsoleLink link = (ConsoleLink) ws.getUserProperties().get(LINK);
        InboundGuard guard = (InboundGuard) ws.getUserProperties().get(GUARD);
        if (guard.admit(System.nanoTime()) == InboundGuard.Verdict.CLOSE) {
            link.close(CloseReason.CloseCodes.VIOLATED_POLICY, "audio frames far faster than real time");
            return;
        }
        if (!last) {
            link.close(CloseReason.CloseCodes.TOO_BIG, "a message over " + MAX_MESSAGE_BYTES + " bytes; frames are"
                    + " 640 bytes");
            return;
        }
        if (frame.remaining() != HostLeg.FRAME_BYTES) {
            link.close(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are 640 bytes (20 ms of PCM16 little-endian"
                    + " mono at 16 kHz); got " + frame.remaining());
            return;
        }
        leg.received(frame, System.nanoTime());
    }

    @OnMessage
    public void text(Session ws, String message) {
        ConsoleLink link = (ConsoleLink) ws.getUserProperties().get(LINK);
        if (link != null) {
            link.close(CloseReason.CloseCodes.CANNOT_ACCEPT, "the console's audio socket takes binary frames only");
        }
    }

    @OnClose
    public void close(Session ws, CloseReason reason) {
        left(ws);
    }

    @OnError
    public void error(Session ws, Throwable error) {
        left(ws);
    }

    private void left(Session ws) {
        var properties = ws.getUserProperties();
        HostLeg leg = properties == null ? null : (HostLeg) properties.remove(LEG);
        if (leg != null) {
            consoles.release(leg);
            leg.closeEars();
            show.hostLeft(leg);
            ConsoleLink link = (ConsoleLink) properties.get(LINK);
            LOG.info(() -> leg.id() + " disconnected after " + leg.framesIn() + " frames in, " + leg.framesOut()
                    + " out" + (link.dropped() > 0 ? ", " + link.dropped() + " dropped as the browser fell behind" : ""));
        }
    }
}
