package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FarewellTest {

    @Test
    void aTurnEndingInAGoodbyeIsAFarewell() {
        assertTrue(Farewell.isFarewell("Goodbye."));
        assertTrue(Farewell.isFarewell("OK thanks, bye bye!"));
        assertTrue(Farewell.isFarewell("that's all"));
        assertTrue(Farewell.isFarewell("good bye"));
    }

    @Test
    void mentioningAGoodbyeIsNot() {
        assertFalse(Farewell.isFarewell("How do I say goodbye in French?"));
        assertFalse(Farewell.isFarewell("What time is it?"));
        assertFalse(Farewell.isFarewell(""));
    }
}
