package io.parley.ops;

import io.parley.call.ConversationTurn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Per-turn latency for {@code /metrics}: {@code parley_turn_latency_seconds{stage}} with the stages
 * {@code transcript}, {@code first_token}, {@code first_audio}, {@code voice_to_voice} and {@code turn_committed}
 * (see {@link ConversationTurn.Timings}), and {@code parley_turn_failures_total{stage}} for replies in which a
 * model failed and the caller heard the apology, and {@code parley_interruptions_total{outcome}}.
 */
@ApplicationScoped
public class ConversationMetrics {

    static final Metadata LATENCY = Metadata.builder().withName("parley.turn.latency")
            .withDescription("Time from the end of the caller's speech to each stage of the agent's reply")
            .withUnit(MetricUnits.SECONDS).build();
    static final Metadata FAILURES = Metadata.builder().withName("parley.turn.failures")
            .withDescription("Agent replies in which a model failed (the caller heard the apology), by model")
            .build();
    static final Metadata INTERRUPTIONS = Metadata.builder().withName("parley.interruptions")
            .withDescription("The caller's speech over a reply: outcome=yielded (the agent stopped) or "
                    + "outcome=resumed (too short or no words: the reply went on)")
            .build();
    static final String[] STAGES = {"transcript", "first_token", "first_audio", "voice_to_voice", "turn_committed"};
    static final String[] MODELS = {"speech-to-text", "language model", "text-to-speech"};

    @Inject
    MetricRegistry metrics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (String stage : STAGES) {
            timer(stage);
        }
        for (String model : MODELS) {
            failures(model);
        }
        interruption(true, false);
        interruption(false, false);
    }

    /** The caller spoke over a reply, and the agent yielded or (a false alarm) resumed. */
    public void interruption(boolean yielded) {
        interruption(yielded, true);
    }

    private void interruption(boolean yielded, boolean count) {
        Counter counter = metrics.counter(INTERRUPTIONS, new Tag("outcome", yielded ? "yielded" : "resumed"));
        if (count) {
            counter.inc();
        }
    }

    public void record(ConversationTurn turn) {
        ConversationTurn.Timings t = turn.timings();
        if (t != null) {
            observe("transcript", t.transcript());
            observe("first_token", t.firstToken());
            observe("first_audio", t.firstAudio());
            observe("voice_to_voice", t.voiceToVoice());
            observe("turn_committed", t.turnCommitted());
        }
        if (turn.failure() != null) {
            for (String model : MODELS) {
                if (turn.failure().startsWith(model)) {
                    failures(model).inc();
                }
            }
        }
    }

    private void observe(String stage, Long millis) {
        if (millis != null && millis >= 0) {
            timer(stage).update(Duration.ofMillis(millis));
        }
    }

    private Timer timer(String stage) {
        return metrics.timer(LATENCY, new Tag("stage", stage));
    }

    private Counter failures(String model) {
        return metrics.counter(FAILURES, new Tag("model", model.replace(' ', '_').replace('-', '_')));
    }
}
