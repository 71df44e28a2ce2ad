package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseChunkerTest {

    private final List<String> clauses = new ArrayList<>();
    private final ClauseChunker chunker = new ClauseChunker(clauses::add);

    private void stream(String text) {
        // tokens as a model sends them: bits of words, spaces in front
        for (String token : text.split("(?=[ ,.!?])|(?<=\\G.{3})")) {
            chunker.add(token);
        }
    }

    @Test
    void theFirstClauseIsCutAtItsFirstCommaSoSpeechStartsSoonest() {
        stream("Sure, I can help with that, and I will do it gladly. What is your name?");
        chunker.finish();
        assertEquals(List.of("Sure,", "I can help with that,", "and I will do it gladly.", "What is your name?"), clauses);
    }

    @Test
    void laterCommasNeedEnoughWords() {
        stream("Well, yes, no, maybe so, but perhaps not today.");
        chunker.finish();
        assertEquals(List.of("Well,", "yes, no, maybe so,", "but perhaps not today."), clauses);
    }

    @Test
    void aSentenceEndIsOnlyAnEndWhenASpaceFollowsOrTheTextIsOver() {
        chunker.add("It costs 3.");
        assertEquals(List.of(), clauses, "3. might be 3.5");
        chunker.add("5 dollars. Ask Dr. Smith");
        assertEquals(List.of("It costs 3.5 dollars."), clauses);
        chunker.finish();
        assertEquals(List.of("It costs 3.5 dollars.", "Ask Dr. Smith"), clauses);
    }

    @Test
    void textWithoutPunctuationIsCutAfterManyWords() {
        chunker.add("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                + "seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive ");
        assertEquals(1, clauses.size());
        assertEquals(24, clauses.get(0).split(" ").length);
    }

    @Test
    void punctuationAloneIsNotAClause() {
        chunker.add("Hello! ... ");
        chunker.finish();
        assertEquals(List.of("Hello!"), clauses);
    }
}
