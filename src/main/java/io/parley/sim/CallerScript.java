package io.parley.sim;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.models.embedded.FreeTtsSpeech;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the simulated caller says, as one clip: a WAV, sentences spoken by the embedded voice, or the test tone. */
final class CallerScript {

    private CallerScript() {
    }

    static Pcm16 clip(SimOptions options) throws IOException {
        Pcm16 clip;
        if (options.wav().isPresent()) {
            clip = Resampler.convert(WavFile.read(options.wav().get()), Pcm16.RATE_8K);
        } else if (!options.say().isEmpty()) {
            clip = spoken(options);
        } else {
            clip = Resampler.convert(TestUtterance.create(), Pcm16.RATE_8K);
        }
        return options.startMillis() == 0 ? clip : Pcm16.silence(Pcm16.RATE_8K, options.startMillis()).append(clip);
    }

    /** Each sentence in the embedded voice, with the pause after each (so a loop pauses after the last, too). */
    private static Pcm16 spoken(SimOptions options) throws IOException {
        FreeTtsSpeech voice = new FreeTtsSpeech(Runnable::run);
        Pcm16 all = new Pcm16(Pcm16.RATE_8K, new short[0]);
        for (int i = 0; i < options.say().size(); i++) {
            Pcm16[] sentence = {new Pcm16(FreeTtsSpeech.SAMPLE_RATE, new short[0])};
            try {
                voice.speak(options.say().get(i), chunk -> sentence[0] = sentence[0].append(chunk)).done()
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while synthesising the caller's words", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("the embedded voice could not say \"" + options.say().get(i) + "\": " + e, e);
            }
            all = all.append(Resampler.convert(sentence[0], Pcm16.RATE_8K));
            if (i + 1 < options.say().size()) {
                all = all.append(Pcm16.silence(Pcm16.RATE_8K, options.pauseMillis()));
            }
        }
        return all;
    }
}
