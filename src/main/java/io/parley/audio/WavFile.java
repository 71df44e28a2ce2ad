package io.parley.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files through {@code javax.sound.sampled}, which reads the container and converts sample encodings
 * (8/16/24/32-bit PCM, μ-law, A-law) correctly. Channels are mixed down to mono here; the sample rate is left
 * as it is, because the JDK's own rate conversion is linear and aliases: use {@link Resampler}.
 */
public final class WavFile {

    private WavFile() {
    }

    public static Pcm16 read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole audio file (WAV, AU or AIFF) into 16-bit mono at the file's own rate. */
    public static Pcm16 read(InputStream in) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(in.markSupported() ? in
                : new java.io.BufferedInputStream(in))) {
            AudioFormat format = source.getFormat();
            int channels = format.getChannels();
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                    channels, 2 * channels, format.getSampleRate(), false);
            try (AudioInputStream pcm = format.matches(target) ? source
                    : AudioSystem.getAudioInputStream(target, source)) {
                byte[] bytes = pcm.readAllBytes();
                return new Pcm16(Math.round(format.getSampleRate()), mixDown(bytes, channels));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a supported audio file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot convert this audio to 16-bit PCM: " + e.getMessage(), e);
        }
    }

    public static void write(Path path, Pcm16 audio) throws IOException {
        Files.write(path, toBytes(audio));
    }

    /** A complete 16-bit mono WAV file. */
    public static byte[] toBytes(Pcm16 audio) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(audio.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(audio.samples());
        AudioFormat format = new AudioFormat(audio.sampleRate(), 16, 1, true, false);
        var out = new java.io.ByteArrayOutputStream(44 + data.capacity());
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(data.array()), format,
                audio.samples().length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
        }
        return out.toByteArray();
    }

    private static short[] mixDown(byte[] littleEndian, int channels) {
        ByteBuffer buffer = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        int frames = littleEndian.length / (2 * channels);
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += buffer.getShort();
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }
}
