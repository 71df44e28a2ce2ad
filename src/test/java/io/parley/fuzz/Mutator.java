package io.parley.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Makes inputs from captured ones the way a fuzzer does: a few random edits each, some blind (a character
 * flipped, inserted, dropped; a stretch repeated, cut or moved) and some that know the shape of the text (a
 * value swapped for one of another type, a structure nested deep, two inputs spliced). Seeded, so a failure
 * can be replayed.
 */
final class Mutator {

    private static final String[] ODD_TEXT = {"", "null", "true", "-1", "1e999", "0x1F", "NaN", "\\u0000", "\\n", "%",
            "%zz", "%%", "+", "&", "=", "\u2028", "\uD800", "\uFFFF", "😀", "../", "\r\nINFO forged", "\"", "\\", "{}",
            "[]", "9".repeat(40), "-".repeat(3), "MZ" + "0".repeat(32), "CA" + "f".repeat(32)};
    private static final String[] ODD_JSON = {"null", "true", "0", "-0.0", "1e400", "\"\"", "[]", "{}", "[null]",
            "{\"a\":null}", "\"" + "A".repeat(3000) + "\"", "[".repeat(2000) + "]".repeat(2000),
            "{\"x\":".repeat(500) + "1" + "}".repeat(500), "123456789012345678901234567890"};
    private static final char[] SYMBOLS = "{}[]\":,\\/%+&=\n\r\t\u0000\u007f abcAZ09-.eE".toCharArray();

    private final Random random;
    private final List<String> corpus;

    Mutator(long seed, List<String> corpus) {
        this.random = new Random(seed);
        this.corpus = corpus;
    }

    String next() {
        String text = corpus.get(random.nextInt(corpus.size()));
        int edits = 1 + random.nextInt(5);
        for (int i = 0; i < edits; i++) {
            text = edit(text);
        }
        return text;
    }

    private String edit(String text) {
        int n = text.length();
        int at = n == 0 ? 0 : random.nextInt(n);
        switch (random.nextInt(11)) {
            case 0: // flip one character
                return n == 0 ? text : text.substring(0, at) + symbol() + text.substring(at + 1);
            case 1: // insert a character
                return text.substring(0, at) + symbol() + text.substring(at);
            case 2: // drop a stretch
                return text.substring(0, at) + text.substring(Math.min(n, at + 1 + random.nextInt(16)));
            case 3: // repeat a stretch
                int end = Math.min(n, at + 1 + random.nextInt(64));
                return text.substring(0, end) + text.substring(at, end).repeat(1 + random.nextInt(8)) + text.substring(end);
            case 4: // cut short
                return text.substring(0, at);
            case 5: // swap a quoted value for odd text
                return replaceQuoted(text, ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            case 6: // swap a JSON value for one of another type
                return replaceValue(text, ODD_JSON[random.nextInt(ODD_JSON.length)]);
            case 7: // splice with another input
                String other = corpus.get(random.nextInt(corpus.size()));
                return text.substring(0, at) + other.substring(other.isEmpty() ? 0 : random.nextInt(other.length()));
            case 8: // a random character anywhere in the range of char
                return text.substring(0, at) + (char) random.nextInt(0x10000) + text.substring(at);
            case 9: // move a stretch
                int to = n == 0 ? 0 : random.nextInt(n);
                int len = Math.min(n - at, 1 + random.nextInt(32));
                String piece = text.substring(at, at + len);
                String rest = text.substring(0, at) + text.substring(at + len);
                int place = Math.min(rest.length(), to);
                return rest.substring(0, place) + piece + rest.substring(place);
            default: // a form's separators and escapes
                return text.substring(0, at) + new String[] {"&", "=", "%", "%2", "%C3", "+", "&&", "=="}[random.nextInt(8)]
                        + text.substring(at);
        }
    }

    private char symbol() {
        return SYMBOLS[random.nextInt(SYMBOLS.length)];
    }

    private String replaceQuoted(String text, String with) {
        int open = nthIndex(text, '"');
        if (open < 0) {
            return text;
        }
        int close = text.indexOf('"', open + 1);
        return close < 0 ? text : text.substring(0, open + 1) + with + text.substring(close);
    }

    private String replaceValue(String text, String with) {
        int colon = nthIndex(text, ':');
        if (colon < 0) {
            return text;
        }
        int end = colon + 1;
        int depth = 0;
        boolean quoted = false;
        for (; end < text.length(); end++) {
            char c = text.charAt(end);
            if (c == '"' && text.charAt(end - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == '}' || c == ']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                break;
            }
        }
        return text.substring(0, colon + 1) + with + text.substring(end);
    }

    private int nthIndex(String text, char c) {
        int count = (int) text.chars().filter(x -> x == c).count();
        if (count == 0) {
            return -1;
        }
        int wanted = random.nextInt(count);
        int at = -1;
        for (int i = 0; i <= wanted; i++) {
            at = text.indexOf(c, at + 1);
        }
        return at;
    }
}
