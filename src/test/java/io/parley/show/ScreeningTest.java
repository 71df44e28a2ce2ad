package io.parley.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScreeningTest {

    private static ShowSettings settings(String... keyValues) {
        return new ShowSettings(new MapConfig(keyValues));
    }

    private static ScreeningAnswers answers(String name, String topic) {
        return new ScreeningAnswers(Optional.ofNullable(name), Optional.ofNullable(topic));
    }

    @Test
    void nameThenTopicThenDone() {
        Screening s = new Screening(settings(), Optional.empty());
        assertEquals(ShowSettings.DEFAULT_NAME_QUESTION, s.opening());
        assertEquals("name", s.askedFor());
        assertEquals(Optional.of("Thanks, John. What would you like to talk about on the show?"),
                s.next(answers("John", null)));
        assertEquals("topic", s.askedFor());
        assertEquals(Optional.empty(), s.next(answers(null, "the weather")));
        assertEquals(answers("John", "the weather"), s.answers());
    }

    @Test
    void bothAtOnceEndsAtOnce() {
        Screening s = new Screening(settings(), Optional.empty());
        s.opening();
        assertEquals(Optional.empty(), s.next(answers("John", "the weather")));
    }

    @Test
    void aKnownCallerIsAskedOnlyTheirTopic() {
        Screening s = new Screening(settings(), Optional.of("Mary"));
        assertEquals("Welcome back, Mary! What would you like to talk about today?", s.opening());
        assertEquals(Optional.empty(), s.next(answers(null, "football")));
        assertEquals(answers("Mary", "football"), s.answers());
    }

    @Test
    void asksAgainOnceThenGivesUpAfterTheLimit() {
        Screening s = new Screening(settings(), Optional.empty());
        s.opening();
        Optional<String> again = s.next(ScreeningAnswers.NONE);
        assertTrue(again.orElseThrow().contains("didn't catch your name"), again.toString());
        Optional<String> topic = s.next(ScreeningAnswers.NONE);
        assertEquals(Optional.of("Thanks. What would you like to talk about on the show?"), topic,
                "after two tries the name is left; the question reads without it");
        assertEquals(Optional.empty(), s.next(ScreeningAnswers.NONE), "three exchanges is the limit");
    }

    @Test
    void theLimitIsConfigurable() {
        Screening s = new Screening(settings("parley.show.screening.max-exchanges", "1"), Optional.empty());
        s.opening();
        assertEquals(Optional.empty(), s.next(answers("John", null)));
    }
}
