package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallScoped;
import io.parley.telephony.media.OutboundAudio;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The line test ({@code parley.agent=echo}): the caller hears their own voice back. The echo starts after a
 * build-out of {@value #BUILD_OUT_FRAMES} frames (120 ms), which then stays buffered at the caller's end: the
 * caller's audio arrives in real time and no faster, so without that cushion any hiccup on the way (network,
 * GC, a busy server) would be a gap in the echo. Every second of echo is a segment with its mark, so marks
 * travel as they will for speech; a key press clears what Twilio has buffered, which shows {@code clear}
 * working on a real line (and starts a new build-out).
 */
@Named("echo")
@CallScoped
public class EchoAgent implements Agent {

    /** Frames per marked segment: one second. */
    static final int SEGMENT_FRAMES = 50;
    /** Frames held back before the echo starts. */
    static final int BUILD_OUT_FRAMES = 6;

    private static final Logger LOG = Logger.getLogger(EchoAgent.class.getName());

    private CallControl call;
    private int samplesInSegment;
    private final List<Pcm16> buildOut = new ArrayList<>();
    private boolean flowing;

    @Override
    public void start(CallControl call) {
        this.call = call;
    }

    @Override
    public void hear(Pcm16 audio) {
        if (!flowing) {
            buildOut.add(audio);
            if (buildOut.size() < BUILD_OUT_FRAMES) {
                return;
            }
            flowing = true;
            buildOut.forEach(this::echo);
            buildOut.clear();
            return;
        }
        echo(audio);
    }

    private void echo(Pcm16 audio) {
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
        flowing = false;
        buildOut.clear();
        LOG.info(() -> "Call " + call.callSid() + ": key " + digit + " cleared the echo; " + report.framesUnheard() * 20
                + " ms were never heard (" + report.framesNeverSent() * 20 + " ms not yet sent)");
    }
}
