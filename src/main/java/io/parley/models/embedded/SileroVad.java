package io.parley.models.embedded;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Silero VAD v5 on ONNX Runtime, straight on telephone audio: the model takes 8 kHz natively, in windows of
 * {@value #WINDOW} new samples (32 ms) after {@value #CONTEXT} samples of context, and carries a recurrent state
 * from one window to the next. One model for the application (sessions are thread-safe); one {@link Stream}
 * per call, which holds that call's state.
 */
public final class SileroVad implements AutoCloseable {

    public static final String RESOURCE = "/models/silero_vad_v5.onnx";
    public static final int SAMPLE_RATE = 8000;
    public static final int WINDOW = 256;
    static final int CONTEXT = 32;
    private static final long[] INPUT_SHAPE = {1, CONTEXT + WINDOW};
    private static final long[] STATE_SHAPE = {2, 1, 128};

    private final OrtEnvironment env;
    private final OrtSession session;

    private SileroVad(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /** Loads the model shipped with Parley (see {@code models/silero_vad_v5.onnx.NOTICE.md}). */
    public static SileroVad load() throws IOException {
        byte[] model;
        try (InputStream in = SileroVad.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the VAD model " + RESOURCE + " is missing from the application");
            }
            model = in.readAllBytes();
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new SileroVad(env, env.createSession(model, options));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime could not load the VAD model: " + e.getMessage(), e);
        }
    }

    public Stream newStream() {
        return new Stream();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing is best effort
        }
    }

    /** One call's detector state. Not thread-safe: one call, one thread at a time. */
    public final class Stream {
        private final float[] input = new float[CONTEXT + WINDOW];
        private float[] state = new float[2 * 128];

        /** Speech probability (0..1) of the next {@value #WINDOW} samples at 8 kHz. */
        public float probability(short[] window, int offset) {
            System.arraycopy(input, WINDOW, input, 0, CONTEXT);
            for (int i = 0; i < WINDOW; i++) {
                input[CONTEXT + i] = window[offset + i] / 32768f;
            }
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), INPUT_SHAPE);
                 OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), STATE_SHAPE);
                 OnnxTensor sr = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {SAMPLE_RATE}), new long[0]);
                 OrtSession.Result result = session.run(Map.of("input", in, "state", st, "sr", sr))) {
                float p = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
                float[][][] next = (float[][][]) result.get("stateN").orElseThrow().getValue();
                for (int layer = 0; layer < 2; layer++) {
                    System.arraycopy(next[layer][0], 0, state, layer * 128, 128);
                }
                return p;
            } catch (OrtException e) {
                throw new IllegalStateException("the VAD model failed: " + e.getMessage(), e);
            }
        }
    }
}
