package io.parley.models.embedded;

import io.parley.audio.FrameAssembler;
import io.parley.audio.MuLawAudio;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.models.TextToSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real speech for tests: FreeTTS's voice, and what a phone line does to it. */
public final class SpeechSamples {

    private SpeechSamples() {
    }

    /** The whole of {@code text} spoken, at the engine's rate. */
    public static Pcm16 say(TextToSpeech tts, String text) throws Exception {
        List<Pcm16> chunks = new ArrayList<>();
        tts.speak(text, chunks::add).done().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Pcm16 all = new Pcm16(chunks.get(0).sampleRate(), new short[0]);
        for (Pcm16 chunk : chunks) {
            all = all.append(chunk);
        }
        return all;
    }

    /** 8 kHz μ-law in 20 ms frames, as Twilio carries the caller's voice; returned decoded, frame by frame. */
    public static List<Pcm16> overThePhone(Pcm16 speech) {
        MuLawAudio narrow = Resampler.convert(speech, Pcm16.RATE_8K).toMuLaw();
        List<Pcm16> frames = new ArrayList<>();
        FrameAssembler assembler = new FrameAssembler();
        assembler.push(narrow, frame -> frames.add(frame.toPcm16()));
        assembler.flush(frame -> frames.add(frame.toPcm16()));
        return frames;
    }
}
