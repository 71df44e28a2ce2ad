package io.parley.models;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where one remote, OpenAI-compatible model server is and how long Parley waits for it.
 *
 * @param service          "stt", "llm" or "tts" (the configuration prefix {@code parley.<service>.})
 * @param baseUrl          the API base, e.g. {@code http://gpu-1:8000/v1}; paths such as
 *                         {@code /chat/completions} are appended
 * @param firstByteTimeout longest wait for the response to start (the first token, the first audio)
 * @param idleTimeout      longest silence between two chunks of a streamed response
 */
public record RemoteModel(String service, URI baseUrl, String model, Optional<String> apiKey,
                          Duration firstByteTimeout, Duration idleTimeout) {

    /** {@code baseUrl} with {@code path} appended, whether or not the base ends in a slash. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    @Override
    public String toString() {
        return service + " " + model + " at " + baseUrl;
    }
}
