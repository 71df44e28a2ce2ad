package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import org.junit.jupiter.api.Test;

class KeypadTest {

    private final Keypad keypad = new Keypad(1500);

    @Test
    void keysPressedTogetherAreOneEntry() {
        assertNull(keypad.complete(0));
        keypad.press("1", 1000);
        keypad.press("2", 1600);
        assertTrue(keypad.collecting());
        assertNull(keypad.complete(3000));
        assertEquals("12", keypad.complete(3100));
        assertFalse(keypad.collecting());
        assertNull(keypad.complete(9000));
    }

    @Test
    void poundEndsTheEntryAtOnce() {
        keypad.press("4", 0);
        keypad.press("#", 200);
        assertEquals("4#", keypad.complete(220));
    }

    @Test
    void theLanguageModelReadsTheKeysInWordsAndTheAgentCanReadThemBack() {
        ChatMessage message = ChatMessage.keypad("12#");
        assertEquals(ChatMessage.Role.USER, message.role());
        assertEquals("[The caller pressed on the phone's keypad: 1 2 #]", message.content());
        assertEquals("12#", message.keypadDigits().orElseThrow());
        assertTrue(ChatMessage.user("one two").keypadDigits().isEmpty());
    }
}
