package io.parley.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    private static short[] ramp(int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((i * 97) % 60000 - 30000);
        }
        return s;
    }

    @Test
    void writesAndReadsBack16BitMono(@TempDir Path dir) throws IOException {
        Pcm16 audio = new Pcm16(16000, ramp(16000));
        Path file = dir.resolve("a.wav");
        WavFile.write(file, audio);
        assertEquals(44 + 32000, Files.size(file), "RIFF header + data");
        assertEquals(audio, WavFile.read(file));
    }

    @Test
    void readsStereoAsMonoAtItsOwnRate() throws IOException {
        short[] left = ramp(441);
        byte[] interleaved = new byte[441 * 4];
        for (int i = 0; i < 441; i++) {
            short l = left[i];
            short r = (short) (l / 2);
            interleaved[4 * i] = (byte) l;
            interleaved[4 * i + 1] = (byte) (l >> 8);
            interleaved[4 * i + 2] = (byte) r;
            interleaved[4 * i + 3] = (byte) (r >> 8);
        }
        byte[] wav = wav(interleaved, new AudioFormat(44100, 16, 2, true, false), 441);
        Pcm16 mono = WavFile.read(new ByteArrayInputStream(wav));
        assertEquals(44100, mono.sampleRate());
        assertEquals(441, mono.sampleCount());
        for (int i = 0; i < 441; i++) {
            assertEquals((left[i] + left[i] / 2) / 2, mono.samples()[i], 1, "sample " + i);
        }
    }

    @Test
    void readsMuLawWavLikeOurCodecDecodesIt() throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        byte[] wav = wav(codes, new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false), 256);
        Pcm16 pcm = WavFile.read(new ByteArrayInputStream(wav));
        assertArrayEquals(new MuLawAudio(codes).toPcm16().samples(), pcm.samples());
    }

    @Test
    void refusesWhatIsNotAudio() {
        IOException e = assertThrows(IOException.class,
                () -> WavFile.read(new ByteArrayInputStream("hello, not a wav".getBytes())));
        assertTrue(e.getMessage().contains("not a supported audio file"), e.getMessage());
    }

    private static byte[] wav(byte[] data, AudioFormat format, long frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data), format, frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
