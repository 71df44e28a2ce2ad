package io.parley.logging;

/**
 * Values from outside (a caller's number, a SID a client sent, a header) as they may appear in a log line: control
 * characters are escaped, so a value with a line break cannot forge a line of its own, and long values are cut.
 */
public final class LogSafe {

    /** Longest value written whole; Twilio's values are far shorter. */
    static final int MAX_CHARS = 80;

    private LogSafe() {
    }

    /** The value, escaped and cut; {@code null} as the word null. */
    public static String text(String value) {
        return text(value, MAX_CHARS);
    }

    /** The value, escaped and cut at {@code max} characters. */
    public static String text(String value, int max) {
        if (value == null) {
            return "null";
        }
        int length = Math.min(value.length(), max);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean plain = c >= 0x20 && c != 0x7f && !Character.isISOControl(c) && c != '\u2028' && c != '\u2029';
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length + 16).append(value, 0, i);
            }
            if (plain) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        String safe = out == null ? value.substring(0, length) : out.toString();
        return value.length() > max ? safe + "…(" + value.length() + " chars)" : safe;
    }

    /** The value in double quotes, escaped and cut. */
    public static String quoted(String value) {
        return value == null ? "null" : "\"" + text(value) + "\"";
    }
}
