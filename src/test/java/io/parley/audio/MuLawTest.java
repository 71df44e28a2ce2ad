package io.parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class MuLawTest {

    private static final AudioFormat PCM = new AudioFormat(8000, 16, 1, true, false);
    private static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);

    @Test
    void everyCodeRoundTripsExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte encoded = MuLaw.encode(MuLaw.decode((byte) code));
            int expected = code == 0x7F ? 0xFF : code; // 0x7F is -0, which is the same sample as +0 (0xFF)
            assertEquals(expected, encoded & 0xFF, "code " + Integer.toHexString(code));
        }
    }

    @Test
    void knownValuesOfTheStandard() {
        assertEquals(0, MuLaw.decode((byte) 0xFF));
        assertEquals(0, MuLaw.decode((byte) 0x7F));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals((byte) 0xFF, MuLaw.encode((short) 0));
        assertEquals((byte) 0x80, MuLaw.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, MuLaw.encode(Short.MIN_VALUE));
    }

    @Test
    void decodingAgreesWithTheJdkForAllCodes() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        byte[] jdk = AudioSystem.getAudioInputStream(PCM,
                new AudioInputStream(new ByteArrayInputStream(codes), ULAW, codes.length)).readAllBytes();
        short[] ours = new short[256];
        MuLaw.decode(codes, 0, ours, 0, 256);
        ByteBuffer le = ByteBuffer.wrap(jdk).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 256; i++) {
            assertEquals(le.getShort(), ours[i], "code " + i);
        }
    }

    /**
     * Within G.711's range (|sample| <= 32635) ours and the JDK's encoder agree on every sample. Beyond it the
     * JDK adds the bias in 16 bits, overflows, and turns a full-scale sample into near silence (0xFF/0x7F/0x70…);
     * G.711 clips it to the loudest code, as ours does. Loud speech clipped by a phone line reaches those values.
     */
    @Test
    void encodingAgreesWithTheJdkWithinRangeAndClipsWhereTheJdkOverflows() throws Exception {
        short[] samples = new short[65536];
        ByteBuffer pcm = ByteBuffer.allocate(65536 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + Short.MIN_VALUE);
            pcm.putShort(samples[i]);
        }
        byte[] jdk = AudioSystem.getAudioInputStream(ULAW,
                new AudioInputStream(new ByteArrayInputStream(pcm.array()), PCM, samples.length)).readAllBytes();
        byte[] ours = new byte[samples.length];
        MuLaw.encode(samples, 0, ours, 0, samples.length);
        for (int i = 0; i < samples.length; i++) {
            int sample = samples[i];
            if (Math.abs(sample) <= 32635) {
                assertEquals(jdk[i], ours[i], "sample " + sample);
            } else {
                assertEquals(sample > 0 ? 0x80 : 0x00, ours[i] & 0xFF, "sample " + sample + " clips to full scale");
            }
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
            int back = MuLaw.decode(MuLaw.encode((short) s));
            int magnitude = Math.min(Math.abs(s), 32635);
            int step = Math.max(8, Integer.highestOneBit(magnitude + 0x84) >> 4);
            assertTrue(Math.abs(Math.signum(s) * magnitude - back) <= step, "sample " + s + " came back as " + back);
        }
    }
}
