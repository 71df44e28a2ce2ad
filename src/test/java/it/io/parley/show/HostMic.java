package it.io.parley.show;

import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import it.io.parley.ParleyServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.net.http.WebSocket;

/**
 * The host's console as the server sees it, without a browser: {@code WS /console/audio} with the API key, 20 ms
 * frames of PCM16 at 16 kHz sent in real time (silence, or a sentence when asked to say one), and everything the
 * studio sends back kept, for listening to afterwards.
 */
final class HostMic implements AutoCloseable {

    private final WebSocket socket;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<short[]> speech = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private short[] saying;
    private int said;
    private final java.util.List<long[]> spoken = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long sentenceStart;

    HostMic(String server) throws Exception {
        socket = ParleyServer.HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + ParleyServer.API_KEY)
                .buildAsync(URI.create(server.replace("http", "ws") + "/console/audio"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        synchronized (heard) {
                            heard.writeBytes(bytes);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        clock.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Says {@code text} (FreeTTS) into the microphone, after whatever is being said. */
    void say(String text) {
        speech.add(Resampler.convert(ShowCalls.spoken(text), Pcm16.RATE_16K).samples());
    }

    /** When each sentence said so far began and ended going out ({@link System#nanoTime()}). */
    java.util.List<long[]> spoken() {
        return java.util.List.copyOf(spoken);
    }

    /** Silence for {@code millis} after whatever is being said (a pause between two sentences). */
    void pause(int millis) {
        speech.add(new short[millis * 16]);
    }

    /** Whether the microphone has said everything it was asked to. */
    boolean quiet() {
        return speech.isEmpty() && saying == null;
    }

    /** What the host heard from the studio so far, 16 kHz. */
    Pcm16 heard() {
        byte[] bytes;
        synchronized (heard) {
            bytes = heard.toByteArray();
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = le.getShort();
        }
        return new Pcm16(Pcm16.RATE_16K, samples);
    }

    private void sendFrame() {
        ByteBuffer out = ByteBuffer.allocate(640).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 320; i++) {
            if (saying == null) {
                saying = speech.poll();
                said = 0;
                if (saying != null) {
                    sentenceStart = System.nanoTime();
                }
            }
            short sample = 0;
            if (saying != null) {
                sample = saying[said++];
                if (said == saying.length) {
                    saying = null;
                    spoken.add(new long[] {sentenceStart, System.nanoTime()});
                }
            }
            out.putShort(sample);
        }
        out.flip();
        // The JDK's WebSocket client masks eight bytes at a time through the buffer's own byte order, which swaps
        // them in a little-endian buffer: the same bytes go in a big-endian view.
        socket.sendBinary(out.order(ByteOrder.BIG_ENDIAN), true).join();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
