package io.parley.ops;

import io.parley.call.MediaSettings;
import io.parley.models.ModelSettings;
import io.parley.models.Models;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the conversation's models: which speech-to-text, language model and text-to-speech are in use
 * (the embedded scripted responder says it is one), whether each configured model server answers, and what
 * failed to load. DOWN only when the assistant cannot listen or speak at all (an embedded model failed to
 * load); a model server that does not answer is reported but keeps the server ready, because callers still get
 * answered (with the spoken apology) and every Parley in a cluster shares the same model servers: taking them
 * all out of service would drop callers instead.
 */
@Readiness
@ApplicationScoped
public class ModelsReadinessCheck implements HealthCheck {

    @Inject
    Models models;

    @Inject
    ModelSettings settings;

    @Inject
    MediaSettings media;

    private final ModelServerProbe probe = new ModelServerProbe();

    @Override
    public HealthCheckResponse call() {
        Map<String, String> problems = models.problems();
        boolean assistant = !"echo".equals(media.agent());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("models")
                .status(!assistant || problems.isEmpty())
                .withData("agent", media.agent())
                .withData("speechToText", describe(() -> models.speechToText().describe()))
                .withData("languageModel", models.languageModel().describe())
                .withData("textToSpeech", describe(() -> models.textToSpeech().describe()));
        settings.stt().ifPresent(s -> response.withData("sttServer", probe.check(s)));
        settings.llm().ifPresent(s -> response.withData("llmServer", probe.check(s)));
        settings.tts().ifPresent(s -> response.withData("ttsServer", probe.check(s)));
        problems.forEach((role, why) -> response.withData("notLoaded." + role, why));
        return response.build();
    }

    private static String describe(java.util.function.Supplier<String> description) {
        try {
            return description.get();
        } catch (IllegalStateException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
