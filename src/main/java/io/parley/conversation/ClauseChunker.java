package io.parley.conversation;

import java.util.function.Consumer;

/**
 * Cuts a language model's streamed text into clauses to be spoken one by one, so speech starts as soon as the
 * first clause is complete while the rest is still being generated. A clause ends at a sentence end ({@code .!?}
 * followed by a space), at a comma, semicolon, colon or dash once it has enough words, or, failing any
 * punctuation, after {@value #MAX_WORDS} words. The first clause may be a single word ("Sure,"), which gets the
 * caller the first sound soonest; later ones need {@value #MIN_WORDS_AT_COMMA} words before a comma cuts them,
 * since very short pieces sound choppy.
 */
public final class ClauseChunker {

    static final int MIN_WORDS_AT_COMMA = 4;
    static final int MAX_WORDS = 24;

    private final Consumer<String> clauses;
    private final StringBuilder pending = new StringBuilder();
    private int emitted;

    public ClauseChunker(Consumer<String> clauses) {
        this.clauses = clauses;
    }

    /** More generated text, of any length (a token, a word, a paragraph). */
    public void add(String text) {
        pending.append(text);
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            boolean followedBySpace = i + 1 < pending.length() && Character.isWhitespace(pending.charAt(i + 1));
            if (!followedBySpace) {
                continue;
            }
            String candidate = pending.substring(start, i + 1);
            int words = words(candidate);
            boolean cut = switch (c) {
                case '.', '!', '?' -> words > 0 && !abbreviation(candidate);
                case ',', ';', ':' -> words >= (emitted == 0 ? 1 : MIN_WORDS_AT_COMMA);
                default -> words >= MAX_WORDS;
            };
            if (cut) {
                emit(candidate);
                start = i + 1;
            }
        }
        pending.delete(0, start);
    }

    /** The text is complete: whatever remains is the last clause. */
    public void finish() {
        emit(pending.toString());
        pending.setLength(0);
    }

    private void emit(String clause) {
        String text = clause.strip();
        if (!text.isEmpty() && text.chars().anyMatch(Character::isLetterOrDigit)) {
            emitted++;
            clauses.accept(text);
        }
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** "Mr." or "e.g." is not the end of a sentence. */
    private static boolean abbreviation(String candidate) {
        String s = candidate.strip();
        int space = s.lastIndexOf(' ');
        String last = s.substring(space + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (last) {
            case "mr.", "mrs.", "ms.", "dr.", "st.", "e.g.", "i.e.", "etc.", "vs.", "no." -> true;
            default -> false;
        };
    }
}
