package io.parley.show;

import io.parley.memory.NamePatterns;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screener's ear without a language model: a name and a topic found in the caller's words as a person
 * listening would find them. A name from "my name is / this is / I'm / call me …" ({@link NamePatterns}), or a
 * short answer to "what's your name?"; a topic from "… about …", or the answer to "what would you like to talk
 * about?" without its preamble ("I'd like to talk about", "well, I want to discuss").
 */
final class AnswerPatterns {

    private static final Pattern ABOUT = Pattern.compile(
            "\\b(?:talk|talking|speak|speaking|chat|chatting|ask|asking|call|calling|discuss|say something|tell you)"
                    + "\\s+(?:\\w+\\s+)?(?:about|regarding|on)\\s+(.+)");
    private static final Pattern PREAMBLE = Pattern.compile(
            "^(?:(?:well|so|um|uh|er|erm|hmm|yeah|yes|oh|okay|ok|hi|hello)(?:[,.!? ]+|$))*"
                    + "(?:(?:i'd|i would|i want|i wanted|i'm calling|i am calling|i'm hoping|i was hoping)"
                    + "(?: like)?(?: to)?(?: talk| speak| chat| discuss| ask| say something)?(?: about| regarding)?\\s+)?");
    private static final Pattern INTRODUCTION = Pattern.compile(
            "^(?:(?:hi|hello|yes|yeah|well|so|uh|um|er|oh)[, ]+)*(?:my name is|my name's|this is|i'm|i am|it's|call me)\\s+[a-z'-]+[.,!]*");
    private static final Set<String> NOT_A_NAME = Set.of("yes", "no", "yeah", "hello", "hi", "um", "uh", "sorry",
            "what", "okay", "ok", "well", "the", "a", "i", "and", "about");

    private AnswerPatterns() {
    }

    /**
     * What {@code answer} tells, given what was asked ("name" or "topic"), with every caller turn so far for a
     * name given earlier in passing.
     */
    static ScreeningAnswers read(List<String> callerTurns, String answer, String askedFor) {
        String said = answer.strip();
        Optional<String> name = NamePatterns.find(callerTurns);
        if (name.isEmpty() && "name".equals(askedFor)) {
            name = shortName(said);
        }
        Optional<String> topic = about(said);
        if (topic.isEmpty() && "topic".equals(askedFor)) {
            topic = withoutPreamble(withoutIntroduction(said));
        }
        return new ScreeningAnswers(name, topic.map(AnswerPatterns::clean));
    }

    /** "Ann." or "Ann Smith" as the whole answer. */
    private static Optional<String> shortName(String said) {
        String[] words = said.replaceAll("[^\\p{L}' -]", " ").strip().split("\\s+");
        if (words.length == 0 || words.length > 2 || words[0].isEmpty()
                || NOT_A_NAME.contains(words[0].toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        for (String w : words) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
        }
        return Optional.of(name.toString());
    }

    /** The answer without a leading "my name is Ann" (a caller answering the topic question with their name). */
    private static String withoutIntroduction(String said) {
        return INTRODUCTION.matcher(said.toLowerCase(Locale.ROOT)).replaceFirst("").strip();
    }

    private static Optional<String> about(String said) {
        Matcher m = ABOUT.matcher(said.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> withoutPreamble(String said) {
        String rest = PREAMBLE.matcher(said.toLowerCase(Locale.ROOT)).replaceFirst("");
        return rest.isBlank() ? Optional.empty() : Optional.of(rest);
    }

    private static String clean(String topic) {
        String t = topic.strip().replaceAll("[.!?]+$", "").strip();
        return t.length() > QueuedCall.MAX_TOPIC ? t.substring(0, QueuedCall.MAX_TOPIC) : t;
    }
}
