package io.parley.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamePatternsTest {

    private static Optional<String> name(String... turns) {
        return NamePatterns.find(List.of(turns));
    }

    @Test
    void introductionsGiveTheName() {
        assertEquals(Optional.of("Ada"), name("hello my name is ada"));
        assertEquals(Optional.of("Ada Lovelace"), name("My name is Ada Lovelace."));
        assertEquals(Optional.of("Grace"), name("hi this is grace calling about my order"));
        assertEquals(Optional.of("Alan"), name("i'm alan and i have a question"));
        assertEquals(Optional.of("Edsger"), name("you can call me edsger"));
        assertEquals(Optional.of("Barbara"), name("hello", "i am barbara"));
    }

    @Test
    void whatOnlyLooksLikeAnIntroductionIsNot() {
        assertEquals(Optional.empty(), name("i'm fine thank you"));
        assertEquals(Optional.empty(), name("this is about my bill"));
        assertEquals(Optional.empty(), name("i am calling about the opening hours"));
        assertEquals(Optional.empty(), name("i'm not sure", "it's a question about saturday"));
        assertEquals(Optional.empty(), name("what is my name"));
    }

    @Test
    void theLastNameGivenCounts() {
        assertEquals(Optional.of("Ada"), name("my name is bob", "sorry i mean my name is ada"));
        assertEquals(Optional.of("Ada"), name("my name is ada", "i'm fine"));
    }
}
