package io.parley.show;

import java.util.Optional;

/** What the screener has learned so far: the caller's name and what they want to talk about. */
public record ScreeningAnswers(Optional<String> name, Optional<String> topic) {

    public static final ScreeningAnswers NONE = new ScreeningAnswers(Optional.empty(), Optional.empty());

    public ScreeningAnswers {
        name = name.map(String::strip).filter(s -> !s.isEmpty());
        topic = topic.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** These answers, with each one {@code newer} has taking the place of the one here. */
    public ScreeningAnswers updatedBy(ScreeningAnswers newer) {
        return new ScreeningAnswers(newer.name.or(() -> name), newer.topic.or(() -> topic));
    }

    public boolean complete() {
        return name.isPresent() && topic.isPresent();
    }
}
