package io.parley.models;

/** One message of a conversation as chat models take it: who said it and what. */
public record ChatMessage(Role role, String content) {

    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The name on the wire of OpenAI-compatible chat APIs. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }

    private static final String KEYPAD = "[The caller pressed on the phone's keypad: ";

    /** The caller's turn when they pressed keys instead of speaking, worded for a language model. */
    public static ChatMessage keypad(String digits) {
        return user(KEYPAD + String.join(" ", digits.split("")) + "]");
    }

    /** The keys of a {@link #keypad} message, without spaces; empty for any other message. */
    public java.util.Optional<String> keypadDigits() {
        if (role != Role.USER || !content.startsWith(KEYPAD) || !content.endsWith("]")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(content.substring(KEYPAD.length(), content.length() - 1).replace(" ", ""));
    }
}
