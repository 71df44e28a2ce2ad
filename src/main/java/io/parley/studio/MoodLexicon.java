package io.parley.studio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded mood of a turn, from its words: a small lexicon scored per mood, the highest score winning, calm
 * when nothing scores. Works on speech-to-text output (lower case, little punctuation), so it counts words and a
 * few phrases, and a question shape makes "curious".
 */
final class MoodLexicon {

    private static final Map<Mood, Set<String>> WORDS = Map.of(
            Mood.EXCITED, Set.of("amazing", "incredible", "wow", "fantastic", "unbelievable", "awesome", "thrilled",
                    "brilliant", "wonderful", "best", "yes", "absolutely", "love"),
            Mood.HAPPY, Set.of("happy", "glad", "great", "lovely", "nice", "enjoy", "enjoyed", "good", "pleased",
                    "thanks", "thank", "beautiful"),
            Mood.JOKING, Set.of("haha", "ha", "joke", "joking", "kidding", "funny", "hilarious", "lol", "laugh"),
            Mood.UPSET, Set.of("angry", "furious", "annoyed", "ridiculous", "outrageous", "terrible", "awful", "hate",
                    "disgrace", "unacceptable", "sick", "fed", "wrong", "stupid", "worst"),
            Mood.SAD, Set.of("sad", "miss", "missed", "lost", "died", "passed", "lonely", "sorry", "unfortunately",
                    "grief", "cried", "crying", "hard"));
    private static final List<String> QUESTION_STARTS = List.of("what", "why", "how", "who", "when", "where", "which",
            "do you", "did you", "can you", "could you", "would you", "is it", "are you", "have you");

    private MoodLexicon() {
    }

    static Mood read(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        String[] words = lower.replaceAll("[^\\p{L}\\p{N}' ]", " ").strip().split("\\s+");
        Mood best = null;
        int bestScore = 0;
        for (Mood mood : Mood.values()) {
            Set<String> lexicon = WORDS.get(mood);
            if (lexicon == null) {
                continue;
            }
            int score = 0;
            for (String w : words) {
                if (lexicon.contains(w)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = mood;
                bestScore = score;
            }
        }
        if (best != null) {
            return best;
        }
        String start = lower.strip();
        if (lower.strip().endsWith("?") || QUESTION_STARTS.stream().anyMatch(q -> start.startsWith(q + " "))) {
            return Mood.CURIOUS;
        }
        return Mood.CALM;
    }
}
