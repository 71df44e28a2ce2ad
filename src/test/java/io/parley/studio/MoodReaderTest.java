package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.models.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoodReaderTest {

    @Test
    void theLexiconReadsSpeechToTextWords() {
        assertEquals(Mood.EXCITED, MoodLexicon.read("wow that was amazing absolutely amazing"));
        assertEquals(Mood.UPSET, MoodLexicon.read("honestly it is ridiculous and i am fed up"));
        assertEquals(Mood.SAD, MoodLexicon.read("i miss him since he passed"));
        assertEquals(Mood.JOKING, MoodLexicon.read("i'm only kidding haha"));
        assertEquals(Mood.CURIOUS, MoodLexicon.read("what time does the ferry leave"));
        assertEquals(Mood.CALM, MoodLexicon.read("the ferry leaves at nine"));
        assertEquals(Mood.CALM, MoodLexicon.read(""));
    }

    @Test
    void aModelsLabelIsBelievedWhenItIsOneOfTheMoods() {
        List<List<ChatMessage>> asked = new ArrayList<>();
        assertEquals(Mood.JOKING, MoodReader.read(FakeModels.answering("{\"mood\": \"joking\"}", asked), "Kate",
                "the ferry leaves at nine").toCompletableFuture().join());
        assertEquals("Kate: the ferry leaves at nine", asked.get(0).get(1).content());
        assertEquals(Mood.CALM, MoodReader.read(FakeModels.answering("{\"mood\": \"hangry\"}", asked), "Kate",
                "the ferry leaves at nine").toCompletableFuture().join(), "not a mood: the lexicon decides");
        assertEquals(Mood.EXCITED, MoodReader.read(FakeModels.answering(null, asked), "Kate",
                "wow amazing").toCompletableFuture().join(), "the model failed: the lexicon decides");
    }
}
