package io.parley.telephony.media;

import io.parley.call.CallSession;
import io.parley.call.StreamStart;
import io.parley.logging.LogSafe;
import io.parley.media.InboundGuard;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Twilio media stream's inbound side, on the WebSocket thread: it assembles text messages from their parts
 * within {@link #MAX_MESSAGE_CHARS}, keeps the stream within what Twilio ever sends ({@link InboundGuard}), parses
 * each message ({@link TwilioMessages}) and hands the event to the call's {@link CallSession}. It never waits.
 * Not thread-safe: the container delivers one stream's messages one at a time.
 */
public final class TwilioStream {

    /**
     * Largest text message accepted: a 64 KiB payload in base64 plus its envelope, so that an oversized payload
     * still reaches the parser and is refused with its reason; anything larger ends the stream (1009). Enforced
     * here, while a message arrives in parts ({@link #receive(String, boolean)}): Liberty applies its own limit
     * to each frame, not to a message sent as many continuation frames.
     */
    public static final int MAX_MESSAGE_CHARS = 96 * 1024;

    private static final Logger LOG = Logger.getLogger(TwilioStream.class.getName());

    private final CallSession session;
    private final TwilioOutput output;
    private final InboundGuard guard = new InboundGuard(System.nanoTime());
    /** A message arriving in parts; null between messages. */
    private StringBuilder assembling;
    /** The rest of a message over the limit is ignored until its last part. */
    private boolean discardingRest;
    private boolean started;

    public TwilioStream(CallSession session, TwilioOutput output) {
        this.session = session;
        this.output = output;
    }

    public CallSession session() {
        return session;
    }

    /**
     * Part of a text message (a WebSocket frame of it). The parts are kept only up to {@link #MAX_MESSAGE_CHARS}
     * in all: a message that grows beyond it ends the stream at once (1009), and its remaining parts are dropped
     * as they come, so its size never reaches the heap.
     */
    public void receive(String part, boolean last) {
        if (discardingRest) {
            discardingRest = !last;
            return;
        }
        if (assembling == null && last) {
            receive(part);
            return;
        }
        int sofar = assembling == null ? 0 : assembling.length();
        if (sofar + (long) part.length() > MAX_MESSAGE_CHARS) {
            assembling = null;
            discardingRest = !last;
            tooBig(sofar + (long) part.length() + (last ? "" : " characters and more"));
            return;
        }
        if (assembling == null) {
            assembling = new StringBuilder(Math.max(1024, part.length() * 2));
        }
        assembling.append(part);
        if (last) {
            String message = assembling.toString();
            assembling = null;
            receive(message);
        }
    }

    /** A whole text message from Twilio. */
    public void receive(String message) {
        if (session.closing()) {
            return;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            tooBig(message.length() + " characters");
            return;
        }
        InboundGuard.Verdict verdict = guard.admit(System.nanoTime());
        if (verdict != InboundGuard.Verdict.ACCEPT) {
            session.droppedInbound("messages arriving faster than real time; dropping them");
            if (verdict == InboundGuard.Verdict.CLOSE) {
                session.fail(CallSession.POLICY_VIOLATION, "media arriving far faster than real time");
            }
            return;
        }
        StreamEvent event;
        try {
            event = TwilioMessages.parse(message);
        } catch (MalformedMessageException e) {
            refuse(e.getMessage());
            return;
        } catch (RuntimeException e) {
            // TwilioMessages turns every fault into MalformedMessageException (the fuzz test holds it to that);
            // should one slip through, the stream still only loses the message.
            LOG.log(Level.FINE, "Unexpected parser failure", e);
            refuse("unreadable message");
            return;
        }
        accept(event);
    }

    /** An event already parsed (tests). */
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Media media) {
            session.media(media.timestamp(), media.payload(), System.nanoTime());
        } else if (event instanceof StreamEvent.Start s) {
            if (!started) {
                started = true;
                output.bind(s.streamSid());
            }
            StreamEvent.MediaFormat format = s.mediaFormat();
            session.start(new StreamStart(s.callSid(), s.streamSid(), format.encoding(), format.sampleRate(),
                    format.channels(), s.customParameters()));
        } else if (event instanceof StreamEvent.Mark mark) {
            session.played(mark.name());
        } else if (event instanceof StreamEvent.Dtmf d) {
            session.dtmf(d.digit());
        } else if (event instanceof StreamEvent.Stop) {
            session.stop();
        } else if (event instanceof StreamEvent.Unknown u) {
            LOG.fine(() -> "Stream " + session.id() + ": ignored unknown event " + LogSafe.quoted(u.event()));
        }
        // Connected says only which protocol follows.
    }

    /** A binary frame: not part of Twilio's protocol. */
    public void receiveBinary(int length) {
        session.refused("binary frame of " + length + " bytes; media streams are JSON text");
        session.fail(CallSession.UNSUPPORTED_DATA, "binary frames are not part of the media-stream protocol");
    }

    private void refuse(String problem) {
        session.refused("refused a message: " + problem);
        if (guard.refuse() == InboundGuard.Verdict.CLOSE) {
            session.fail(CallSession.POLICY_VIOLATION, "too many malformed messages");
        }
    }

    private void tooBig(String size) {
        if (session.closing()) {
            return;
        }
        session.refused("a message of " + size + "; the limit is " + MAX_MESSAGE_CHARS);
        session.fail(CallSession.MESSAGE_TOO_BIG, "message over " + MAX_MESSAGE_CHARS / 1024 + " KiB");
    }
}
