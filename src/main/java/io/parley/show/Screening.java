package io.parley.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The screener's side of the conversation: which question comes next, given what the caller has said. It asks
 * for the name (unless the caller is known), then the topic, and asks again once for what it did not catch;
 * after {@code maxExchanges} answers it stops asking and the caller goes in line with what is known.
 */
final class Screening {

    static final String NAME = "name";
    static final String TOPIC = "topic";

    private final ShowSettings texts;
    private final int maxExchanges;
    private final List<String> callerTurns = new ArrayList<>();
    private ScreeningAnswers answers;
    private String askedFor;
    private int exchanges;
    private boolean askedNameAgain;
    private boolean askedTopicAgain;

    Screening(ShowSettings texts, Optional<String> knownName) {
        this.texts = texts;
        this.maxExchanges = texts.screeningExchanges();
        this.answers = new ScreeningAnswers(knownName, Optional.empty());
    }

    /** The first question, said after the greeting. */
    String opening() {
        if (answers.name().isPresent()) {
            askedFor = TOPIC;
            return fill(texts.returningGreeting());
        }
        askedFor = NAME;
        return texts.nameQuestion();
    }

    /** The caller answered: kept for the reader, which sees every answer so far. */
    void heard(String text) {
        callerTurns.add(text);
    }

    List<String> callerTurns() {
        return List.copyOf(callerTurns);
    }

    String askedFor() {
        return askedFor;
    }

    ScreeningAnswers answers() {
        return answers;
    }

    /** What the reader made of the last answer; the next question, or empty when the screening is over. */
    Optional<String> next(ScreeningAnswers read) {
        answers = answers.updatedBy(read);
        exchanges++;
        if (answers.complete() || exchanges >= maxExchanges) {
            askedFor = null;
            return Optional.empty();
        }
        if (answers.name().isEmpty()) {
            if (askedNameAgain) {
                return askTopic();
            }
            askedNameAgain = true;
            askedFor = NAME;
            return Optional.of("Sorry, I didn't catch your name. What should the host call you?");
        }
        return askTopic();
    }

    private Optional<String> askTopic() {
        if (TOPIC.equals(askedFor)) {
            if (askedTopicAgain) {
                askedFor = null;
                return Optional.empty();
            }
            askedTopicAgain = true;
            return Optional.of("Sorry, what would you like to talk about?");
        }
        askedFor = TOPIC;
        return Optional.of(fill(texts.topicQuestion()));
    }

    /** A text with {@code {name}} filled in (or smoothed away for a caller whose name is not known). */
    String fill(String text) {
        return answers.name().map(n -> text.replace("{name}", n))
                .orElseGet(() -> text.replace(", {name}", "").replace(" {name}", "").replace("{name}", ""));
    }
}
