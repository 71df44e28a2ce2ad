package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallScoped;
import io.parley.media.OutboundAudio;
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
    /**
     * Queued echo beyond the lead after which caller audio is skipped. The caller's audio comes in real time
     * and the echo goes out in real time, so a backlog left by a hiccup would otherwise delay the echo for the
     * rest of the call; a line test should show the hiccup (as a skip) and then sound as before.
     */
    static final long MAX_BACKLOG_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(EchoAgent.class.getName());

    private CallControl call;
    private int samplesInSegment;
    private final List<Pcm16> buildOut = new ArrayList<>();
    private boolean flowing;
    private long skippedFrames;

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
        if (call.audio().queuedMillis() > MAX_BACKLOG_MILLIS) {
            skippedFrames++;
            return;
        }
        call.audio().play(audio.toMuLaw());
        samplesInSegment += audio.sampleCount();
        if (samplesInSegment >= SEGMENT_FRAMES * Pcm16.RATE_8K / 50) {
            call.audio().mark("echo");
            samplesInSegment = 0;
        }
    }

    @Override
    public void end() {
        if (skippedFrames > 0) {
            LOG.info(() -> "Call " + call.callSid() + ": the echo skipped " + skippedFrames * 20
                    + " ms of caller audio to stay within " + MAX_BACKLOG_MILLIS + " ms of its lead");
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
