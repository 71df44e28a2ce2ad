package io.parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioTypesTest {

    @Test
    void formatTravelsWithTheSamples() {
        Pcm16 wide = Pcm16.silence(Pcm16.RATE_16K, 20);
        assertEquals(320, wide.sampleCount());
        assertEquals(20, wide.durationMillis());
        assertEquals(Encoding.PCM16, wide.encoding());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, wide::toMuLaw);
        assertTrue(e.getMessage().contains("16000 Hz where 8000 Hz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resampler(8000, 16000).process(wide));
    }

    @Test
    void muLawRoundTripKeepsTheFrame() {
        short[] samples = new short[160];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(i / 3.0));
        }
        MuLawAudio coded = new Pcm16(8000, samples).toMuLaw();
        assertEquals(Encoding.MULAW, coded.encoding());
        assertEquals(8000, coded.sampleRate());
        Pcm16 back = coded.toPcm16();
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], back.samples()[i], Math.abs(samples[i]) / 16.0 + 8, "sample " + i);
        }
        assertEquals(coded, back.toMuLaw());
    }

    @Test
    void convertGoesThroughTheAntiAliasingResampler() {
        Pcm16 clip = Pcm16.silence(44100, 1000);
        Pcm16 narrow = Resampler.convert(clip, 8000);
        assertEquals(8000, narrow.sampleRate());
        assertEquals(8000, narrow.sampleCount(), 1);
        assertTrue(Resampler.convert(narrow, 8000) == narrow, "same rate: nothing to do");
    }

    @Test
    void levelsOfSilenceAndFullScale() {
        assertEquals(Double.NEGATIVE_INFINITY, Pcm16.silence(8000, 20).rmsDbfs());
        short[] square = new short[160];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 32767 : -32767);
        }
        assertEquals(0.0, new Pcm16(8000, square).rmsDbfs(), 0.01);
        assertEquals(Double.NEGATIVE_INFINITY, Levels.rmsDbfs(MuLawAudio.silence(160).data()));
    }
}
