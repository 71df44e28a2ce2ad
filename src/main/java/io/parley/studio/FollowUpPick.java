package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.store.Persona;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Which AI caller phones in to follow up on an earlier segment. With a language model that understands text it is
 * asked in JSON mode ({@code {"persona": "Dot"}}) with each candidate's style and the segment's summary, and
 * believed when it names a candidate. Otherwise a rule: the candidate whose style shares the most words with the
 * segment's topic and summary, then the one that has followed up least this show, then the first.
 */
final class FollowUpPick {

    /** The persona chosen and why (for the log and the API). */
    record Pick(Persona persona, String why) {
    }

    private static final Set<String> COMMON = Set.of("about", "after", "again", "their", "there", "these", "they",
            "this", "that", "with", "what", "when", "where", "which", "while", "would", "could", "should", "called",
            "caller", "said", "from", "have", "been", "were", "your", "you're", "show", "into", "also", "some");
    private static final Logger LOG = Logger.getLogger(FollowUpPick.class.getName());

    private FollowUpPick() {
    }

    static String prompt(Segment segment, List<Persona> candidates) {
        StringBuilder out = new StringBuilder("You produce a live call-in radio show. Earlier in the show "
                + segment.who() + ": " + segment.summary() + "\nOne of these AI callers will phone in now to follow"
                + " up on that call:\n");
        candidates.forEach(p -> out.append("- ").append(p.name()).append(": ")
                .append(p.style().replaceAll("\\s+", " ").strip()).append('\n'));
        return out.append("Pick the one best placed to add something to what was said. Answer with only a JSON"
                + " object: {\"persona\": the name}.").toString();
    }

    /**
     * Picks among {@code candidates} (not empty) to follow up on {@code segment}; {@code followUps} counts each
     * persona's follow-ups so far, by id. Completes on the model's thread, or at once; never fails.
     */
    static CompletionStage<Pick> pick(LanguageModel model, Segment segment, List<Persona> candidates,
                                      Map<Long, Integer> followUps) {
        Pick rule = rule(segment, candidates, followUps);
        if (!model.understands() || candidates.size() == 1) {
            return CompletableFuture.completedFuture(rule);
        }
        CompletableFuture<Pick> pick = new CompletableFuture<>();
        try {
            model.structured(List.of(ChatMessage.system(prompt(segment, candidates)),
                            ChatMessage.user("Who follows up on " + segment.caller() + "?")))
                    .whenComplete((json, error) -> {
                        if (error != null) {
                            LOG.fine(() -> "The follow-up pick's model failed (" + error + "); the rule picks");
                            pick.complete(new Pick(rule.persona(), rule.why() + " (the model failed)"));
                            return;
                        }
                        String named = ModelJson.object(json).map(o -> o.get("persona"))
                                .filter(v -> v.getValueType() == jakarta.json.JsonValue.ValueType.STRING)
                                .map(v -> ((jakarta.json.JsonString) v).getString().strip()).orElse("");
                        Optional<Persona> chosen = candidates.stream().filter(p -> p.name().equalsIgnoreCase(named))
                                .findFirst();
                        if (chosen.isPresent()) {
                            pick.complete(new Pick(chosen.get(), "the model picked " + chosen.get().name()));
                        } else {
                            LOG.fine(() -> "The follow-up pick's model answered " + LogSafe.quoted(json)
                                    + "; the rule picks");
                            pick.complete(new Pick(rule.persona(), rule.why() + " (the model named no candidate)"));
                        }
                    });
        } catch (RuntimeException e) {
            pick.complete(rule);
        }
        return pick;
    }

    /** The embedded rule. */
    static Pick rule(Segment segment, List<Persona> candidates, Map<Long, Integer> followUps) {
        Set<String> subject = words(segment.topic() + " " + segment.summary());
        Comparator<Persona> order = Comparator.<Persona>comparingInt(p -> -shared(subject, p))
                .thenComparingInt(p -> followUps.getOrDefault(p.id(), 0));
        Persona best = candidates.stream().sorted(order).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no candidates"));
        int shared = shared(subject, best);
        int times = followUps.getOrDefault(best.id(), 0);
        String why = shared > 0
                ? best.name() + "'s style shares " + shared + " word" + (shared == 1 ? "" : "s") + " with the segment"
                : best.name() + " has followed up " + (times == 0 ? "least" : times + " time" + (times == 1 ? "" : "s"))
                + " this show";
        return new Pick(best, why);
    }

    private static int shared(Set<String> subject, Persona persona) {
        Set<String> style = words(persona.style());
        return (int) subject.stream().filter(style::contains).count();
    }

    /** The text's words of five letters or more, lower case, less the commonest. */
    static Set<String> words(String text) {
        return Arrays.stream((text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}']+"))
                .map(w -> w.replaceAll("'s$", "")).filter(w -> w.length() >= 5 && !COMMON.contains(w))
                .collect(Collectors.toSet());
    }
}
