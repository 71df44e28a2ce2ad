package io.parley.audio;

/**
 * G.711 μ-law, the encoding of every Twilio media frame (8 kHz, one byte a sample). Table-driven, so the
 * 20 ms audio path converts a frame with one array look-up a sample and allocates nothing.
 */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private static final short[] DECODE = new short[256];
    /** Indexed by the unsigned 16-bit pattern of the sample: 64 KiB, built once. */
    private static final byte[] ENCODE = new byte[65536];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = decodeSlow(code);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            ENCODE[sample & 0xFFFF] = encodeSlow(sample);
        }
    }

    private MuLaw() {
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    public static byte encode(short sample) {
        return ENCODE[sample & 0xFFFF];
    }

    /** Decodes {@code count} bytes of {@code in} from {@code inOffset} into {@code out} from {@code outOffset}. */
    public static void decode(byte[] in, int inOffset, short[] out, int outOffset, int count) {
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = DECODE[in[inOffset + i] & 0xFF];
        }
    }

    /** Encodes {@code count} samples of {@code in} from {@code inOffset} into {@code out} from {@code outOffset}. */
    public static void encode(short[] in, int inOffset, byte[] out, int outOffset, int count) {
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = ENCODE[in[inOffset + i] & 0xFFFF];
        }
    }

    private static short decodeSlow(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + BIAS) << exponent) - BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static byte encodeSlow(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
