package io.parley.sim;

import io.parley.audio.MuLaw;

/**
 * How well what the caller heard matches what the caller said, for the echo line test: the delay that aligns
 * them best, and their normalised correlation at that delay (1.0 = identical up to μ-law rounding).
 */
record EchoAnalysis(double lagMillis, double correlation) {

    private static final int FRAME = 160;
    private static final int MAX_LAG_FRAMES = 100;
    private static final int WINDOW_SAMPLES = 8000 * 4;

    /** Both signals are 8 kHz μ-law on the same timeline: sample 0 is the moment the call started. */
    static EchoAnalysis of(byte[] said, byte[] heard) {
        int window = Math.min(said.length, WINDOW_SAMPLES);
        short[] x = decode(said, window);
        short[] y = decode(heard, heard.length);
        int coarse = coarseLagFrames(x, y);
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        int from = Math.max(0, coarse * FRAME - FRAME);
        int to = coarse * FRAME + FRAME;
        for (int lag = from; lag <= to; lag++) {
            double c = correlation(x, y, lag);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return new EchoAnalysis(bestLag / 8.0, best);
    }

    private static int coarseLagFrames(short[] x, short[] y) {
        double[] ex = envelope(x);
        double[] ey = envelope(y);
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= MAX_LAG_FRAMES; lag++) {
            double sum = 0;
            for (int i = 0; i < ex.length && i + lag < ey.length; i++) {
                sum += ex[i] * ey[i + lag];
            }
            if (sum > best) {
                best = sum;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    private static double[] envelope(short[] s) {
        double[] e = new double[s.length / FRAME];
        for (int f = 0; f < e.length; f++) {
            double sum = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                sum += (double) s[i] * s[i];
            }
            e[f] = Math.sqrt(sum / FRAME);
        }
        return e;
    }

    private static double correlation(short[] x, short[] y, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            double b = i + lag < y.length ? y[i + lag] : 0;
            xy += x[i] * b;
            xx += (double) x[i] * x[i];
            yy += b * b;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    private static short[] decode(byte[] codes, int count) {
        short[] s = new short[count];
        MuLaw.decode(codes, 0, s, 0, count);
        return s;
    }
}
