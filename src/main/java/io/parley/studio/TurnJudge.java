package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.store.Persona;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Whether a persona should speak now, in auto mode, after the people in the studio have paused. With a language
 * model that understands text it is a short judgement in JSON mode ({@code {"speak": true}}) over the latest
 * turns; without one, or when it fails, a rule: speak when the last person named the persona or asked a
 * question, or when people have had three turns in a row to themselves.
 */
final class TurnJudge {

    /** What the judge decided, and on what grounds (for the log and the API). */
    record Verdict(boolean speak, String why) {
    }

    /** Turns of people in a row after which the embedded rule lets the persona in. */
    static final int QUIET_TURNS = 3;
    private static final List<String> QUESTION_STARTS = List.of("what", "why", "how", "who", "when", "where",
            "which", "do you", "does", "did you", "can you", "could you", "would you", "is it", "is that", "are you",
            "have you", "should", "any thoughts", "right");
    private static final Logger LOG = Logger.getLogger(TurnJudge.class.getName());

    private TurnJudge() {
    }

    static String prompt(Persona persona) {
        return "You produce a live radio call-in show. " + persona.name() + " is an AI voice in the studio ("
                + (persona.role() == Persona.Role.CALLER ? "an AI caller" : "the AI co-host") + "). The people in the"
                + " studio have just paused. From the latest lines below, decide whether " + persona.name()
                + " should speak now: yes when somebody asked " + persona.name() + " something or spoke to them, or"
                + " when a short comment would help the show along; no when the people are in the middle of their"
                + " own exchange or somebody else was asked. Answer with only a JSON object: {\"speak\": true or"
                + " false}.";
    }

    /** Decides on {@code recent} turns (oldest first, the last a person's); completes on the model's thread. */
    static CompletionStage<Verdict> judge(LanguageModel model, Persona persona, List<StudioTurn> recent) {
        Verdict rule = rule(persona, recent);
        if (!model.understands()) {
            return CompletableFuture.completedFuture(rule);
        }
        StringBuilder lines = new StringBuilder();
        recent.forEach(t -> lines.append(t.speaker().label()).append(": ").append(t.text()).append('\n'));
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        try {
            model.structured(List.of(ChatMessage.system(prompt(persona)), ChatMessage.user(lines.toString().strip())))
                    .whenComplete((json, error) -> {
                        if (error != null) {
                            LOG.fine(() -> "The turn judge's model failed (" + error + "); the rule decides");
                            verdict.complete(new Verdict(rule.speak(), rule.why() + " (the model failed)"));
                            return;
                        }
                        JsonValue speak = ModelJson.object(json).map(o -> o.get("speak")).orElse(null);
                        if (speak == JsonValue.TRUE || speak == JsonValue.FALSE) {
                            verdict.complete(new Verdict(speak == JsonValue.TRUE, "the model said "
                                    + (speak == JsonValue.TRUE ? "yes" : "no")));
                        } else {
                            LOG.fine(() -> "The turn judge's model answered " + LogSafe.quoted(json)
                                    + "; the rule decides");
                            verdict.complete(new Verdict(rule.speak(), rule.why() + " (the model's answer was not"
                                    + " yes or no)"));
                        }
                    });
        } catch (RuntimeException e) {
            verdict.complete(rule);
        }
        return verdict;
    }

    /** The embedded rule. */
    static Verdict rule(Persona persona, List<StudioTurn> recent) {
        if (recent.isEmpty() || !recent.get(recent.size() - 1).speaker().human()) {
            return new Verdict(false, "no person has spoken since the last AI turn");
        }
        String last = recent.get(recent.size() - 1).text().toLowerCase(Locale.ROOT).strip();
        if (last.matches(".*\\b" + java.util.regex.Pattern.quote(persona.name().toLowerCase(Locale.ROOT)) + "\\b.*")) {
            return new Verdict(true, "the last speaker named " + persona.name());
        }
        if (last.endsWith("?") || QUESTION_STARTS.stream().anyMatch(q -> last.startsWith(q + " "))) {
            return new Verdict(true, "the last speaker asked a question");
        }
        int people = 0;
        for (int i = recent.size() - 1; i >= 0 && recent.get(i).speaker().human(); i--) {
            people++;
        }
        if (people >= QUIET_TURNS) {
            return new Verdict(true, people + " turns of people in a row");
        }
        return new Verdict(false, "a statement, " + people + " turn" + (people == 1 ? "" : "s") + " since the AI");
    }
}
