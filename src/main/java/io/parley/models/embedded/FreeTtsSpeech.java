package io.parley.models.embedded;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import io.parley.audio.Pcm16;
import io.parley.models.TextToSpeech;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;

/**
 * The embedded voice: FreeTTS {@code kevin16}, pure Java, 16 kHz. Robotic but clear, and fast (seconds of
 * speech in tens of milliseconds). A FreeTTS voice is not thread-safe, so each synthesis takes the one voice in
 * turn; FreeTTS hands audio over an utterance (about a sentence) at a time, and so does this.
 */
public final class FreeTtsSpeech implements TextToSpeech {

    public static final String VOICE = "kevin16";
    public static final int SAMPLE_RATE = Pcm16.RATE_16K;
    private static final String VOICES = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    /**
     * The embedded voices a persona may take: FreeTTS's one voice, {@code kevin16}, at its own pitch and pace, or
     * higher and quicker, or lower and slower, so that two AI voices in the studio sound apart.
     */
    public static final java.util.Map<String, Variant> VOICES_BY_NAME = java.util.Map.of(
            VOICE, new Variant(VOICE, 0, 1.0f),
            VOICE + "-high", new Variant(VOICE + "-high", 35, 0.92f),
            VOICE + "-low", new Variant(VOICE + "-low", -25, 1.08f));

    /** A pitch shift (Hz from the voice's own) and a duration stretch (below 1 is quicker). */
    public record Variant(String name, float pitchShiftHz, float stretch) {
    }

    private final Executor executor;
    private final Voice voice;
    private final float basePitch;
    private final float baseStretch;
    private final Variant variant;

    /** @param executor where synthesis runs (it takes the calling thread for its whole length otherwise) */
    public FreeTtsSpeech(Executor executor) {
        this.executor = executor;
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", VOICES);
        }
        Voice found = VoiceManager.getInstance().getVoice(VOICE);
        if (found == null) {
            throw new IllegalStateException("FreeTTS has no voice '" + VOICE + "' (is freetts.voices set to "
                    + VOICES + "?)");
        }
        found.allocate();
        this.voice = found;
        this.basePitch = found.getPitch();
        this.baseStretch = found.getDurationStretch();
        this.variant = VOICES_BY_NAME.get(VOICE);
    }

    private FreeTtsSpeech(FreeTtsSpeech same, Variant variant) {
        this.executor = same.executor;
        this.voice = same.voice;
        this.basePitch = same.basePitch;
        this.baseStretch = same.baseStretch;
        this.variant = variant;
    }

    /** This voice as {@code embeddedVoice} (a name of {@link #VOICES_BY_NAME}); an unknown name keeps it as it is. */
    @Override
    public TextToSpeech voice(String remoteVoice, String embeddedVoice) {
        Variant wanted = embeddedVoice == null ? null : VOICES_BY_NAME.get(embeddedVoice.strip());
        return wanted == null || wanted.equals(variant) ? this : new FreeTtsSpeech(this, wanted);
    }

    @Override
    public String describe() {
        return "embedded FreeTTS " + variant.name() + " (16 kHz)";
    }

    @Override
    public Synthesis speak(String text, Consumer<Pcm16> audio) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Collector collector = new Collector(audio);
        executor.execute(() -> {
            try {
                synchronized (voice) {
                    if (!collector.cancelled) {
                        tune();
                        voice.setAudioPlayer(collector);
                        voice.speak(text);
                    }
                }
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return Synthesis.of(done, () -> collector.cancelled = true);
    }

    /** Synthesises {@code text} on the calling thread and returns all of it (for audio rendered once, at start-up). */
    public Pcm16 render(String text) {
        Pcm16[] all = {new Pcm16(SAMPLE_RATE, new short[0])};
        Collector collector = new Collector(chunk -> all[0] = all[0].append(chunk));
        synchronized (voice) {
            tune();
            voice.setAudioPlayer(collector);
            voice.speak(text);
        }
        return all[0];
    }

    /** Sets the shared voice to this variant's pitch and pace; under the voice's lock. */
    private void tune() {
        voice.setPitch(basePitch + variant.pitchShiftHz());
        voice.setDurationStretch(baseStretch * variant.stretch());
    }

    /** FreeTTS's audio output, turned into chunks of 16-bit samples. */
    private static final class Collector implements AudioPlayer {
        private final Consumer<Pcm16> sink;
        private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);
        private byte[] pending = new byte[0];
        private int filled;
        volatile boolean cancelled;

        Collector(Consumer<Pcm16> sink) {
            this.sink = sink;
        }

        @Override
        public void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void begin(int size) {
            pending = new byte[size];
            filled = 0;
        }

        @Override
        public boolean write(byte[] data) {
            return write(data, 0, data.length);
        }

        @Override
        public boolean write(byte[] data, int offset, int length) {
            if (cancelled) {
                return false;
            }
            if (filled + length > pending.length) {
                pending = java.util.Arrays.copyOf(pending, Math.max(filled + length, pending.length * 2));
            }
            System.arraycopy(data, offset, pending, filled, length);
            filled += length;
            return true;
        }

        @Override
        public boolean end() {
            if (cancelled || filled == 0) {
                return !cancelled;
            }
            ByteBuffer bytes = ByteBuffer.wrap(pending, 0, filled)
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[filled / 2];
            bytes.asShortBuffer().get(samples);
            filled = 0;
            sink.accept(new Pcm16(Math.round(format.getSampleRate()), samples));
            return true;
        }

        @Override
        public boolean drain() {
            return !cancelled;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return 1;
        }

        @Override
        public void setVolume(float volume) {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
