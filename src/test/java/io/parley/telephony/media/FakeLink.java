package io.parley.telephony.media;

import java.util.ArrayList;
import java.util.List;

/**
 * A link that records what would go to Twilio (parsed, so a message Twilio would not read fails the test) and
 * how it was closed; it can be made to hang like a stalled socket.
 */
public final class FakeLink implements MediaLink {

    public final List<StreamCommand> sent = new ArrayList<>();
    boolean stalled;
    long stalledSince;

    @Override
    public synchronized void send(String message) {
        try {
            sent.add(TwilioMessages.parseCommand(message));
        } catch (MalformedMessageException e) {
            throw new AssertionError("Parley wrote a message Twilio would not read: " + message, e);
        }
    }

    @Override
    public int pending() {
        return stalled ? 1 : 0;
    }

    @Override
    public long busySince() {
        return stalled ? stalledSince : 0;
    }

    public volatile int closeCode;
    public volatile String closeReason;

    @Override
    public synchronized void close(int code, String reason) {
        if (closeReason == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    public synchronized long count(Class<? extends StreamCommand> type) {
        return sent.stream().filter(type::isInstance).count();
    }

    synchronized List<String> marks() {
        return sent.stream().filter(c -> c instanceof StreamCommand.SendMark)
                .map(c -> ((StreamCommand.SendMark) c).name()).toList();
    }
}
