package io.parley.audio;

/** Signal levels, used to tell voiced audio from silence and to check filters. */
public final class Levels {

    private Levels() {
    }

    /** RMS of {@code count} samples from {@code offset}, in dB relative to full scale; -∞ for all-zero samples. */
    public static double rmsDbfs(short[] samples, int offset, int count) {
        if (count <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = offset; i < offset + count; i++) {
            sum += (double) samples[i] * samples[i];
        }
        double rms = Math.sqrt(sum / count);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / 32768.0);
    }

    /** RMS level of one μ-law frame in dBFS, without allocating. */
    public static double rmsDbfs(byte[] muLaw) {
        if (muLaw.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (byte code : muLaw) {
            int s = MuLaw.decode(code);
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / muLaw.length);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / 32768.0);
    }
}
