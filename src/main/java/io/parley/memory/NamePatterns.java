package io.parley.memory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller's name in their own words, found the way a person listening would: "my name is Ada", "this is Ada",
 * "I'm Ada", "call me Ada". Words that follow "I'm" or "this is" without being a name ("I'm fine", "this is
 * about my bill") are not taken. Transcripts arrive in any case; the name comes out capitalised.
 */
public final class NamePatterns {

    private static final Pattern INTRODUCTION = Pattern.compile(
            "\\b(my name is|my name's|name's|this is|i'm|i am|call me|it's)\\s+([a-z][a-z'-]*)(?:\\s+([a-z][a-z'-]*))?");
    private static final Set<String> NOT_NAMES = Set.of("a", "an", "the", "about", "calling", "just", "not", "fine",
            "good", "great", "ok", "okay", "well", "here", "there", "so", "very", "really", "sorry", "back", "from",
            "in", "at", "on", "to", "with", "looking", "trying", "wondering", "going", "interested", "afraid", "sure",
            "glad", "happy", "still", "also", "only", "your", "my", "his", "her", "their", "our", "it", "that", "this",
            "what", "who", "how", "why", "when", "where", "and", "but", "or", "is", "was", "be", "been", "hoping",
            "having", "getting", "doing", "done", "ringing", "phoning", "asking", "new", "late", "early",
            "tired", "busy", "free", "available", "unable", "able", "hungry", "lost", "confused", "worried");
    /** After these, a second word is taken as the surname ("my name is Ada Lovelace"). */
    private static final Set<String> FULL_NAME = Set.of("my name is", "my name's", "name's", "call me");

    private NamePatterns() {
    }

    /** The last name the caller gave across their turns, if any. */
    public static Optional<String> find(List<String> callerTurns) {
        Optional<String> found = Optional.empty();
        for (String turn : callerTurns) {
            Matcher m = INTRODUCTION.matcher(turn.toLowerCase(Locale.ROOT));
            while (m.find()) {
                String first = m.group(2);
                if (NOT_NAMES.contains(first)) {
                    continue;
                }
                String last = m.group(3);
                boolean surname = last != null && FULL_NAME.contains(m.group(1)) && !NOT_NAMES.contains(last);
                found = Optional.of(capitalise(first) + (surname ? " " + capitalise(last) : ""));
            }
        }
        return found;
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
