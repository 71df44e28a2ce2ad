package io.parley.sim;

import io.parley.audio.FrameAssembler;
import io.parley.audio.Levels;
import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the simulated caller says: a clip at any rate, converted once to 8 kHz μ-law 20 ms frames, shared by all
 * calls. After the clip comes silence, or (looping) a pause and the clip again.
 */
final class CallerAudio {

    /** Frames louder than this (RMS, dBFS) count as voiced. */
    static final double VOICED_DBFS = -40;

    private static final byte[] SILENCE = MuLawAudio.silence(FrameAssembler.FRAME_BYTES).data();
    private static final String SILENCE_BASE64 = Base64.getEncoder().encodeToString(SILENCE);

    private final List<byte[]> frames = new ArrayList<>();
    private final List<String> base64 = new ArrayList<>();
    private final boolean[] voiced;
    private final int pauseFrames;
    private final boolean loop;

    CallerAudio(Pcm16 clip, boolean loop, int pauseMillis) {
        MuLawAudio narrow = Resampler.convert(clip, Pcm16.RATE_8K).toMuLaw();
        FrameAssembler assembler = new FrameAssembler();
        assembler.push(narrow, f -> frames.add(f.data()));
        assembler.flush(f -> frames.add(f.data()));
        frames.forEach(f -> base64.add(Base64.getEncoder().encodeToString(f)));
        this.voiced = new boolean[frames.size()];
        for (int i = 0; i < voiced.length; i++) {
            voiced[i] = Levels.rmsDbfs(frames.get(i)) > VOICED_DBFS;
        }
        this.loop = loop;
        this.pauseFrames = Math.max(0, pauseMillis / 20);
    }

    /** The caller's k-th 20 ms frame of the call (μ-law, shared: do not modify). */
    byte[] frame(long k) {
        int index = indexInClip(k);
        return index < 0 ? SILENCE : frames.get(index);
    }

    /** The k-th frame in base64, encoded once for all calls. */
    String frameBase64(long k) {
        int index = indexInClip(k);
        return index < 0 ? SILENCE_BASE64 : base64.get(index);
    }

    boolean voiced(long k) {
        int index = indexInClip(k);
        return index >= 0 && voiced[index];
    }

    int clipFrames() {
        return frames.size();
    }

    private int indexInClip(long k) {
        if (k < frames.size()) {
            return (int) k;
        }
        if (!loop) {
            return -1;
        }
        long period = frames.size() + pauseFrames;
        long inPeriod = k % period;
        return inPeriod < frames.size() ? (int) inPeriod : -1;
    }
}
