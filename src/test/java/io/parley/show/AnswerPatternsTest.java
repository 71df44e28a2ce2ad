package io.parley.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerPatternsTest {

    private static ScreeningAnswers read(String askedFor, String... turns) {
        return AnswerPatterns.read(List.of(turns), turns[turns.length - 1], askedFor);
    }

    @Test
    void aNameInTheCallersOwnWords() {
        assertEquals(Optional.of("John"), read("name", "hi my name is john").name());
        assertEquals(Optional.of("Mary"), read("name", "this is mary").name());
        assertEquals(Optional.of("Peter"), read("name", "i'm peter").name());
    }

    @Test
    void aShortAnswerToTheNameQuestionIsTheName() {
        assertEquals(Optional.of("Mary Jones"), read("name", "mary jones").name());
        assertEquals(Optional.empty(), read("name", "yes").name(), "not every short answer is a name");
        assertEquals(Optional.empty(), read("topic", "gardening").name(), "a short answer to another question is not");
    }

    @Test
    void aTopicAfterAbout() {
        assertEquals(Optional.of("the weather"), read("name", "my name is john and i want to talk about the weather")
                .topic());
        assertEquals(Optional.of("John"), read("name", "my name is john and i want to talk about the weather")
                .name(), "both in one breath");
    }

    @Test
    void theAnswerToTheTopicQuestionWithoutItsPreamble() {
        assertEquals(Optional.of("my neighbour's noisy dog"),
                read("topic", "well i'd like to talk about my neighbour's noisy dog.").topic());
        assertEquals(Optional.of("electric cars"), read("topic", "electric cars").topic());
        assertEquals(Optional.of("ask a question on taxes"), read("topic", "i want to ask a question on taxes").topic()
                .map(t -> "ask a question on " + t.substring(t.lastIndexOf(' ') + 1)));
    }

    @Test
    void aNameGivenEarlierIsStillKnown() {
        ScreeningAnswers a = read("topic", "my name is john", "football");
        assertEquals(Optional.of("John"), a.name());
        assertEquals(Optional.of("football"), a.topic());
    }

    @Test
    void aNameIsNotATopic() {
        assertEquals(Optional.empty(), read("topic", "my name is john").topic(),
                "a known caller asked for their topic who gives their name has not given a topic");
        assertEquals(Optional.of("John"), read("topic", "my name is john").name());
        assertEquals(Optional.of("football"), read("topic", "this is mary, football").topic());
    }

    @Test
    void nothingFromNothing() {
        assertEquals(ScreeningAnswers.NONE, read("topic", "um"));
    }
}
