package io.parley.models.remote;

import io.parley.audio.Pcm16;
import io.parley.models.RemoteModel;
import io.parley.models.TextToSpeech;
import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A voice behind an OpenAI-compatible {@code /audio/speech} endpoint (Kokoro-FastAPI, Orpheus or CSM wrappers,
 * OpenAI) asked for {@code response_format: pcm}: raw 16-bit little-endian mono samples at the configured rate,
 * streamed. Each network chunk becomes a chunk of audio at once, so the caller hears the first syllables while
 * the rest is synthesised.
 */
public final class RemoteTextToSpeech implements TextToSpeech {

    private final RemoteModel server;
    private final Transport transport;
    private final String voice;
    private final int sampleRate;

    public RemoteTextToSpeech(RemoteModel server, Transport transport, String voice, int sampleRate) {
        this.server = server;
        this.transport = transport;
        this.voice = voice;
        this.sampleRate = sampleRate;
    }

    @Override
    public TextToSpeech voice(String remoteVoice, String embeddedVoice) {
        return remoteVoice == null || remoteVoice.isBlank() || remoteVoice.equals(voice) ? this
                : new RemoteTextToSpeech(server, transport, remoteVoice, sampleRate);
    }

    @Override
    public String describe() {
        return "remote " + server + ", voice " + voice + ", PCM at " + sampleRate + " Hz";
    }

    public RemoteModel server() {
        return server;
    }

    @Override
    public Synthesis speak(String text, Consumer<Pcm16> audio) {
        SpeechStream stream = new SpeechStream(text, audio);
        CompletionStage<Void> guarded = transport.guard().speech(stream::start);
        CompletableFuture<Void> done = new CompletableFuture<>();
        guarded.whenComplete((v, error) -> {
            if (error != null) {
                stream.cancel();
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return Synthesis.of(done, stream::cancel);
    }

    private final class SpeechStream {
        private final String text;
        private final Consumer<Pcm16> audio;
        private volatile StreamingExchange exchange;
        private volatile boolean cancelled;
        private int carry = -1;
        private long bytes;

        SpeechStream(String text, Consumer<Pcm16> audio) {
            this.text = text;
            this.audio = audio;
        }

        CompletionStage<Void> start() {
            if (cancelled) {
                return CompletableFuture.failedFuture(new CancellationException("cancelled"));
            }
            String body = Json.createObjectBuilder().add("model", server.model()).add("input", text).add("voice", voice)
                    .add("response_format", "pcm").build().toString();
            HttpRequest request = transport.request(server, "/audio/speech").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            Watchdog[] watchdog = new Watchdog[1];
            StreamingExchange ex = new StreamingExchange("the text-to-speech server " + server.baseUrl(), request,
                    List.of("application/json", "text/"), new StreamingExchange.Sink() {
                @Override
                public void chunk(ByteBuffer data) {
                    if (data.hasRemaining()) {
                        watchdog[0].chunk("audio");
                        samples(data);
                    }
                }

                @Override
                public void end() {
                    if (bytes == 0) {
                        throw new ModelServerException("the text-to-speech server sent no audio for \""
                                + RemoteLanguageModel.abbreviate(text) + "\"");
                    }
                }
            });
            exchange = ex;
            watchdog[0] = transport.watchdog(server, ex::fail);
            watchdog[0].start("audio");
            ex.done().whenComplete((v, e) -> watchdog[0].stop());
            ex.start(transport.http());
            if (cancelled) {
                ex.cancel();
            }
            return ex.done();
        }

        void cancel() {
            cancelled = true;
            StreamingExchange ex = exchange;
            if (ex != null) {
                ex.cancel();
            }
        }

        /** Little-endian 16-bit samples; a sample split between two chunks is carried over. */
        private void samples(ByteBuffer data) {
            bytes += data.remaining();
            int available = data.remaining() + (carry >= 0 ? 1 : 0);
            short[] samples = new short[available / 2];
            int n = 0;
            if (carry >= 0 && data.hasRemaining()) {
                samples[n++] = (short) ((data.get() << 8) | carry);
                carry = -1;
            }
            while (data.remaining() >= 2) {
                int lo = data.get() & 0xFF;
                int hi = data.get();
                samples[n++] = (short) ((hi << 8) | lo);
            }
            if (data.hasRemaining()) {
                carry = data.get() & 0xFF;
            }
            if (n > 0 && !cancelled) {
                audio.accept(new Pcm16(sampleRate, n == samples.length ? samples : java.util.Arrays.copyOf(samples, n)));
            }
        }
    }
}
