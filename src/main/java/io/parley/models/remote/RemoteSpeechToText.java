package io.parley.models.remote;

import io.parley.audio.Pcm16;
import io.parley.audio.RateConverter;
import io.parley.audio.WavFile;
import io.parley.models.RemoteModel;
import io.parley.models.SpeechToText;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Transcription by an OpenAI-compatible {@code /audio/transcriptions} endpoint (vLLM serving Whisper, speaches,
 * whisper.cpp's server, OpenAI). Such servers take a whole recording, so the utterance collects the caller's
 * audio (upsampled to 16 kHz) and sends it, as a WAV file, when the caller pauses; if the caller goes on, the
 * next pause sends everything again. No partial transcripts.
 */
public final class RemoteSpeechToText implements SpeechToText {

    public static final int SAMPLE_RATE = Pcm16.RATE_16K;

    private final RemoteModel server;
    private final Transport transport;
    private final Optional<String> language;

    public RemoteSpeechToText(RemoteModel server, Transport transport, Optional<String> language) {
        this.server = server;
        this.transport = transport;
        this.language = language;
    }

    @Override
    public String describe() {
        return "remote " + server;
    }

    public RemoteModel server() {
        return server;
    }

    @Override
    public Utterance begin() {
        return new Recording();
    }

    /** Sends one recording; completes with its text. */
    public CompletionStage<String> transcribe(Pcm16 audio) {
        byte[] wav;
        try {
            wav = WavFile.toBytes(audio.requireRate(SAMPLE_RATE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return transport.guard().transcribe(() -> send(wav));
    }

    /**
     * One request, read as it arrives under the request's watchdog: the answer must start within the first-byte
     * timeout and never stall for longer than the idle timeout (a server that drips a byte now and then is cut
     * off, not waited for).
     */
    private CompletionStage<String> send(byte[] wav) {
        String boundary = "parley-" + UUID.randomUUID();
        HttpRequest request = transport.request(server, "/audio/transcriptions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, wav))).build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] text = new String[1];
        Watchdog[] watchdog = new Watchdog[1];
        StreamingExchange exchange = new StreamingExchange("the speech-to-text server " + server.baseUrl(), request,
                List.of("text/html"), new StreamingExchange.Sink() {
            @Override
            public void chunk(ByteBuffer data) {
                if (data.hasRemaining()) {
                    watchdog[0].chunk("transcript");
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    body.writeBytes(bytes);
                }
            }

            @Override
            public void end() {
                text[0] = parse(body.toString(StandardCharsets.UTF_8));
            }
        });
        watchdog[0] = transport.watchdog(server, exchange::fail);
        watchdog[0].start("transcript");
        exchange.done().whenComplete((v, e) -> watchdog[0].stop());
        exchange.start(transport.http());
        return exchange.result(() -> text[0]);
    }

    private static String parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject result = reader.readObject();
            if (!result.containsKey("text") || result.isNull("text")) {
                throw new ModelServerException("the speech-to-text server answered without a text: "
                        + RemoteLanguageModel.abbreviate(body));
            }
            return result.getString("text").strip();
        } catch (JsonException | ClassCastException e) {
            throw new ModelServerException("the speech-to-text server answered something other than JSON: "
                    + RemoteLanguageModel.abbreviate(body));
        }
    }

    private byte[] multipart(String boundary, byte[] wav) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
        field(out, boundary, "model", server.model());
        field(out, boundary, "response_format", "json");
        language.ifPresent(l -> field(out, boundary, "language", l));
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"caller.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n");
        out.writeBytes(wav);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The caller's audio of one utterance, at 16 kHz. */
    private final class Recording implements Utterance {
        private final RateConverter toWhisperRate = new RateConverter(SAMPLE_RATE);
        private short[] samples = new short[SAMPLE_RATE * 4];
        private int length;
        private boolean closed;

        @Override
        public void accept(Pcm16 audio) {
            if (closed) {
                return;
            }
            short[] more = toWhisperRate.convert(audio).samples();
            if (length + more.length > samples.length) {
                samples = java.util.Arrays.copyOf(samples, Math.max(samples.length * 2, length + more.length));
            }
            System.arraycopy(more, 0, samples, length, more.length);
            length += more.length;
        }

        @Override
        public Optional<String> partial() {
            return Optional.empty();
        }

        @Override
        public CompletionStage<String> settle() {
            if (length == 0) {
                return CompletableFuture.completedFuture("");
            }
            return transcribe(new Pcm16(SAMPLE_RATE, java.util.Arrays.copyOf(samples, length)));
        }

        @Override
        public CompletionStage<String> finish() {
            CompletionStage<String> text = settle();
            close();
            return text;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
