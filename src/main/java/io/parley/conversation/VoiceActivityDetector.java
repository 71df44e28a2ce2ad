package io.parley.conversation;

import io.parley.models.embedded.SileroVad;
import io.parley.audio.Pcm16;
import java.util.function.Consumer;

/**
 * Turns Silero's per-window speech probabilities into speech-started and speech-stopped events, with
 * hysteresis: speech starts after {@code minSpeechMillis} above {@code startThreshold}, and stops after
 * {@code minSilenceMillis} below {@code endThreshold}; the first window above the threshold is reported at once
 * as {@link VadEvent.SpeechLikely} (and its fading as {@link VadEvent.SpeechUnlikely}). Fed the call's 8 kHz frames of any size. One per call;
 * runs on the call's executor.
 */
public final class VoiceActivityDetector {

    /** Thresholds and durations (README: the {@code parley.vad.*} keys). */
    public record Settings(float startThreshold, float endThreshold, int minSpeechMillis, int minSilenceMillis) {
        public static Settings defaults() {
            return new Settings(0.5f, 0.35f, 64, 64);
        }
    }

    private static final int WINDOW_MILLIS = SileroVad.WINDOW * 1000 / SileroVad.SAMPLE_RATE;

    private final SileroVad.Stream model;
    private final Settings settings;
    private final Consumer<VadEvent> events;
    private final short[] window = new short[SileroVad.WINDOW];
    private int filled;
    private long windows;
    private boolean speaking;
    private int runAbove;
    private int runBelow;
    private long candidateStart;
    private long lastVoicedEnd;

    public VoiceActivityDetector(SileroVad.Stream model, Settings settings, Consumer<VadEvent> events) {
        this.model = model;
        this.settings = settings;
        this.events = events;
    }

    public void accept(Pcm16 audio) {
        short[] samples = audio.requireRate(SileroVad.SAMPLE_RATE).samples();
        int offset = 0;
        while (offset < samples.length) {
            int take = Math.min(SileroVad.WINDOW - filled, samples.length - offset);
            System.arraycopy(samples, offset, window, filled, take);
            filled += take;
            offset += take;
            if (filled == SileroVad.WINDOW) {
                filled = 0;
                decide(model.probability(window, 0));
            }
        }
    }

    public boolean speaking() {
        return speaking;
    }

    private void decide(float p) {
        long start = windows * WINDOW_MILLIS;
        long end = start + WINDOW_MILLIS;
        windows++;
        if (!speaking) {
            if (p >= settings.startThreshold()) {
                if (runAbove++ == 0) {
                    candidateStart = start;
                    if (settings.minSpeechMillis() > WINDOW_MILLIS) {
                        events.accept(new VadEvent.SpeechLikely(start));
                    }
                }
                if ((long) runAbove * WINDOW_MILLIS >= settings.minSpeechMillis()) {
                    speaking = true;
                    runBelow = 0;
                    lastVoicedEnd = end;
                    events.accept(new VadEvent.SpeechStarted(candidateStart));
                }
            } else {
                if (runAbove > 0 && settings.minSpeechMillis() > WINDOW_MILLIS) {
                    events.accept(new VadEvent.SpeechUnlikely(end));
                }
                runAbove = 0;
            }
            return;
        }
        if (p < settings.endThreshold()) {
            runBelow++;
            if ((long) runBelow * WINDOW_MILLIS >= settings.minSilenceMillis()) {
                speaking = false;
                runAbove = 0;
                events.accept(new VadEvent.SpeechStopped(lastVoicedEnd, end));
            }
        } else {
            runBelow = 0;
            lastVoicedEnd = end;
        }
    }
}
