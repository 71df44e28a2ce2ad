package io.parley.show;

import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hold loop, ready for the phone: {@code parley.show.hold-audio} (a WAV of any rate, mixed to mono), or the
 * tune that ships with Parley, at 8 kHz with {@code parley.show.hold-audio-gain-db} applied, as μ-law. Loaded
 * once; every caller on hold plays from it at their own place. A file that cannot be read is logged and the
 * shipped tune plays instead: callers on hold never get silence for a typo.
 */
@ApplicationScoped
public class HoldAudio {

    static final String SHIPPED = "/show/hold-music.wav";

    private static final Logger LOG = Logger.getLogger(HoldAudio.class.getName());

    @Inject
    ShowSettings settings;

    private byte[] loop;

    @PostConstruct
    void load() {
        Pcm16 audio = null;
        String source = null;
        if (settings.holdAudio().isPresent()) {
            Path file = Path.of(settings.holdAudio().get());
            try {
                audio = WavFile.read(file);
                source = file.toString();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "The hold audio " + file + " could not be read (" + e.getMessage()
                        + "); callers on hold hear the tune that ships with Parley", e);
            }
        }
        if (audio == null) {
            audio = shipped();
            source = "the shipped tune (" + SHIPPED + ")";
        }
        loop = prepare(audio, settings.holdAudioGainDb());
        String from = source;
        LOG.info(() -> "Hold audio: " + from + ", " + loop.length / 8 + " ms loop");
    }

    static Pcm16 shipped() {
        try (InputStream in = HoldAudio.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the application");
            }
            return WavFile.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At 8 kHz, with the gain, as μ-law; at least one frame long. */
    static byte[] prepare(Pcm16 audio, double gainDb) {
        Pcm16 narrow = audio.sampleRate() == Pcm16.RATE_8K ? audio : Resampler.convert(audio, Pcm16.RATE_8K);
        short[] s = narrow.samples().clone();
        double gain = Math.pow(10, gainDb / 20);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s[i] * gain)));
        }
        if (s.length < 160) {
            s = java.util.Arrays.copyOf(s, 160);
        }
        return new Pcm16(Pcm16.RATE_8K, s).toMuLaw().data();
    }

    /** {@code samples} of the loop from {@code position} on, wrapping round. */
    public MuLawAudio slice(long position, int samples) {
        byte[] out = new byte[samples];
        int at = (int) (position % loop.length);
        int filled = 0;
        while (filled < samples) {
            int take = Math.min(samples - filled, loop.length - at);
            System.arraycopy(loop, at, out, filled, take);
            filled += take;
            at = 0;
        }
        return new MuLawAudio(out);
    }

}
