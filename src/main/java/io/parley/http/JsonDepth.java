package io.parley.http;

/**
 * How deep a JSON text nests, found without parsing it. Parley's messages and bodies nest a few levels; a text
 * that nests thousands deep is refused before a parser builds its tree (or runs out of stack) on it.
 */
public final class JsonDepth {

    private JsonDepth() {
    }

    /**
     * Whether objects and lists nest deeper than {@code limit} outside strings: one pass over the text, so that a
     * message of thousands of nested levels costs microseconds, not an object tree (or the parser's stack).
     */
    public static boolean deeperThan(String json, int limit) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                if (++depth > limit) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

}
