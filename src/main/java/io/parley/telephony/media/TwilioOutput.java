package io.parley.telephony.media;

import io.parley.media.PhoneOutput;

/**
 * A phone party's output on a Twilio media stream: each frame, mark and clear becomes the JSON message Twilio
 * reads ({@link StreamCommand}), queued on the stream's {@link MediaLink}. The stream's SID is known from its
 * {@code start}; nothing is sent before that.
 */
public final class TwilioOutput implements PhoneOutput {

    private final MediaLink link;
    private volatile String streamSid;

    public TwilioOutput(MediaLink link) {
        this.link = link;
    }

    /** The stream this output writes to, from its {@code start}. */
    void bind(String streamSid) {
        this.streamSid = streamSid;
    }

    @Override
    public void audio(byte[] mulaw) {
        link.send(TwilioMessages.write(new StreamCommand.SendMedia(streamSid, mulaw)));
    }

    @Override
    public void mark(String name) {
        link.send(TwilioMessages.write(new StreamCommand.SendMark(streamSid, name)));
    }

    @Override
    public void clear() {
        link.send(TwilioMessages.write(new StreamCommand.Clear(streamSid)));
    }

    @Override
    public int pending() {
        return link.pending();
    }

    @Override
    public long busySince() {
        return link.busySince();
    }

    @Override
    public void close(int code, String reason) {
        link.close(code, reason);
    }
}
