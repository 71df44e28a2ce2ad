package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallScoped;
import io.parley.telephony.media.OutboundAudio;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * The line test ({@code parley.agent=echo}): the caller hears their own voice, a lead's worth later. Every
 * second of echo is a segment with its mark, so marks travel as they will for speech; a key press clears what
 * Twilio has buffered, which shows {@code clear} working on a real line.
 */
@Named("echo")
@CallScoped
public class EchoAgent implements Agent {

    /** Frames per marked segment: one second. */
    static final int SEGMENT_FRAMES = 50;

    private static final Logger LOG = Logger.getLogger(EchoAgent.class.getName());

    private CallControl call;
    private int samplesInSegment;

    @Override
    public void start(CallControl call) {
        this.call = call;
    }

    @Override
    public void hear(Pcm16 audio) {
        call.audio().play(audio.toMuLaw());
        samplesInSegment += audio.sampleCount();
        if (samplesInSegment >= SEGMENT_FRAMES * Pcm16.RATE_8K / 50) {
            call.audio().mark("echo");
            samplesInSegment = 0;
        }
    }

    @Override
    public void dtmf(String digit) {
        OutboundAudio.ClearReport report = call.audio().clear();
        samplesInSegment = 0;
        LOG.info(() -> "Call " + call.callSid() + ": key " + digit + " cleared the echo; " + report.framesUnheard() * 20
                + " ms were never heard (" + report.framesNeverSent() * 20 + " ms not yet sent)");
    }
}
