package io.parley.models.remote;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.RemoteModel;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A language model behind an OpenAI-compatible {@code /chat/completions} endpoint (vLLM, llama.cpp's server,
 * Ollama, TGI, OpenAI), streamed as Server-Sent Events. The reply's text is handed on piece by piece; a
 * cancelled reply closes the connection, which makes the server stop generating.
 */
public final class RemoteLanguageModel implements LanguageModel {

    private final RemoteModel server;
    private final Transport transport;
    private final int maxTokens;
    private final double temperature;

    public RemoteLanguageModel(RemoteModel server, Transport transport, int maxTokens, double temperature) {
        this.server = server;
        this.transport = transport;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public String describe() {
        return "remote " + server;
    }

    public RemoteModel server() {
        return server;
    }

    @Override
    public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
        return guarded(conversation, text, transport.guard()::chat);
    }

    /** Through the notes' own bulkhead and circuit breaker (see {@link ModelCalls#notes}). */
    @Override
    public CompletionStage<String> background(List<ChatMessage> conversation) {
        return guarded(conversation, piece -> { }, transport.guard()::notes).done();
    }

    @Override
    public boolean understands() {
        return true;
    }

    /** In the model's JSON mode, through the live replies' guard: a caller waits for what follows from it. */
    @Override
    public CompletionStage<String> structured(List<ChatMessage> conversation) {
        return guarded(json(conversation), piece -> { }, transport.guard()::chat).done();
    }

    private Reply guarded(List<ChatMessage> conversation, Consumer<String> text,
                          Function<Supplier<CompletionStage<String>>, CompletionStage<String>> guard) {
        return guarded(body(conversation), text, guard);
    }

    private Reply guarded(String body, Consumer<String> text,
                          Function<Supplier<CompletionStage<String>>, CompletionStage<String>> guard) {
        ChatStream stream = new ChatStream(body, text);
        CompletionStage<String> guarded = guard.apply(stream::start);
        CompletableFuture<String> done = new CompletableFuture<>();
        guarded.whenComplete((all, error) -> {
            if (error != null) {
                stream.cancel();
                done.completeExceptionally(error);
            } else {
                done.complete(all);
            }
        });
        return Reply.of(done, stream::cancel);
    }

    String json(List<ChatMessage> conversation) {
        return Json.createObjectBuilder(Json.createReader(new java.io.StringReader(body(conversation))).readObject())
                .add("response_format", Json.createObjectBuilder().add("type", "json_object"))
                .add("temperature", 0).build().toString();
    }

    String body(List<ChatMessage> conversation) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (ChatMessage m : conversation) {
            messages.add(Json.createObjectBuilder().add("role", m.role().wireName()).add("content", m.content()));
        }
        return Json.createObjectBuilder().add("model", server.model()).add("messages", messages).add("stream", true)
                .add("max_tokens", maxTokens).add("temperature", temperature).build().toString();
    }

    /** One streamed completion. */
    private final class ChatStream {
        private final String body;
        private final Consumer<String> text;
        private final StringBuilder all = new StringBuilder();
        private volatile StreamingExchange exchange;
        private volatile boolean cancelled;
        private boolean finished;
        private Watchdog watchdog;

        ChatStream(String body, Consumer<String> text) {
            this.body = body;
            this.text = text;
        }

        CompletionStage<String> start() {
            if (cancelled) {
                return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException("cancelled"));
            }
            HttpRequest request = transport.request(server, "/chat/completions")
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            ServerSentEvents events = new ServerSentEvents(this::event);
            StreamingExchange ex = new StreamingExchange("the language model server " + server.baseUrl(), request,
                    List.of("application/json", "text/html"), new StreamingExchange.Sink() {
                @Override
                public void chunk(java.nio.ByteBuffer data) {
                    events.accept(data);
                }

                @Override
                public void end() {
                    events.end();
                    if (!finished) {
                        throw new ModelServerException("the language model stream ended without [DONE] or a finish_reason");
                    }
                }
            });
            exchange = ex;
            watchdog = transport.watchdog(server, ex::fail);
            watchdog.start("first token");
            ex.done().whenComplete((v, e) -> watchdog.stop());
            ex.start(transport.http());
            if (cancelled) {
                ex.cancel();
            }
            return ex.result(all::toString);
        }

        void cancel() {
            cancelled = true;
            StreamingExchange ex = exchange;
            if (ex != null) {
                ex.cancel();
            }
        }

        private void event(String data) {
            if (data.strip().equals("[DONE]")) {
                finished = true;
                return;
            }
            JsonObject event;
            try (var reader = Json.createReader(new StringReader(data))) {
                event = reader.readObject();
            } catch (JsonException e) {
                throw new ModelServerException("the language model sent an event that is not JSON: " + abbreviate(data));
            }
            if (event.containsKey("error")) {
                throw new ModelServerException("the language model reported an error: " + abbreviate(event.get("error").toString()));
            }
            JsonArray choices = event.getJsonArray("choices");
            if (choices == null) {
                throw new ModelServerException("the language model sent an event without choices: " + abbreviate(data));
            }
            if (choices.isEmpty()) {
                return; // a usage-only event
            }
            JsonObject choice = choices.getJsonObject(0);
            JsonObject delta = choice.getJsonObject("delta");
            if (delta != null && delta.containsKey("content") && delta.get("content").getValueType() == JsonValue.ValueType.STRING) {
                String piece = delta.getString("content");
                if (!piece.isEmpty() && !cancelled) {
                    watchdog.chunk("token");
                    all.append(piece);
                    text.accept(piece);
                }
            }
            if (choice.containsKey("finish_reason") && choice.get("finish_reason").getValueType() == JsonValue.ValueType.STRING) {
                finished = true;
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
