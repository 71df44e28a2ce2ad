package io.parley.conversation;

/**
 * Collects the keys a caller presses into one entry: it is complete at {@code #}, or when no key has followed
 * for {@code interDigitMillis}, so "1 2 3 4 #" reaches the conversation as one turn, not five.
 *
 * <p>Stream time, no timers; one per call, on the call's executor.
 */
public final class Keypad {

    private final int interDigitMillis;
    private final StringBuilder digits = new StringBuilder();
    private long lastPress;

    public Keypad(int interDigitMillis) {
        this.interDigitMillis = interDigitMillis;
    }

    /** The caller pressed {@code digit} (0-9, *, #, A-D) at {@code nowMillis}. */
    public void press(String digit, long nowMillis) {
        digits.append(digit);
        lastPress = nowMillis;
    }

    public boolean collecting() {
        return digits.length() > 0;
    }

    /** The complete entry at {@code nowMillis}, if there is one (and then it is taken). */
    public String complete(long nowMillis) {
        if (digits.length() == 0) {
            return null;
        }
        if (digits.charAt(digits.length() - 1) != '#' && nowMillis - lastPress < interDigitMillis) {
            return null;
        }
        String entry = digits.toString();
        digits.setLength(0);
        return entry;
    }
}
