package io.parley.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AnswerReaderTest {

    /** A language model that answers structured questions with a fixed text, or fails. */
    private static final class Model implements LanguageModel {
        final String answer;
        final List<List<ChatMessage>> asked = new ArrayList<>();

        Model(String answer) {
            this.answer = answer;
        }

        @Override
        public String describe() {
            return "test";
        }

        @Override
        public Reply reply(List<ChatMessage> conversation, Consumer<String> text) {
            throw new AssertionError("the screener only asks structured questions");
        }

        @Override
        public boolean understands() {
            return true;
        }

        @Override
        public CompletionStage<String> structured(List<ChatMessage> conversation) {
            asked.add(conversation);
            return answer == null ? CompletableFuture.failedFuture(new java.io.IOException("model down"))
                    : CompletableFuture.completedFuture(answer);
        }
    }

    private static ScreeningAnswers read(Model model, String askedFor, String... turns) throws Exception {
        return new AnswerReader(model).read(List.of(turns), askedFor, "test").toCompletableFuture().get();
    }

    @Test
    void theModelsJsonAnswer() throws Exception {
        Model model = new Model("{\"name\": \"Jonathan\", \"topic\": \"bees in the city\"}");
        ScreeningAnswers a = read(model, "name", "uh it's jon well jonathan, about bees");
        assertEquals(Optional.of("Jonathan"), a.name());
        assertEquals(Optional.of("bees in the city"), a.topic());
        assertEquals(AnswerReader.PROMPT, model.asked.get(0).get(0).content());
        assertEquals(true, model.asked.get(0).get(1).content().contains("uh it's jon well jonathan"));
    }

    @Test
    void nullsAndFencesAreReadAsAModelWritesThem() throws Exception {
        ScreeningAnswers a = read(new Model("```json\n{\"name\": null, \"topic\": \"taxes\"}\n```"), "topic",
                "uh well", "taxes please");
        assertEquals(Optional.empty(), a.name(), "a model that found no name is believed");
        assertEquals(Optional.of("taxes"), a.topic());
        assertEquals(Optional.empty(), read(new Model("{\"name\": \"Jon\", \"topic\": null}"), "topic",
                "it's jon, well jonathan really").topic(), "nor a pattern's guess at a topic the model did not find");
    }

    @Test
    void aModelThatFailsOrRamblesFallsBackToTheWords() throws Exception {
        assertEquals(Optional.of("John"), read(new Model(null), "name", "my name is john").name());
        assertEquals(Optional.of("John"), read(new Model("Sure! The caller is John."), "name", "my name is john")
                .name());
        assertEquals(Optional.of("John"), read(new Model("[1, 2]"), "name", "my name is john").name());
    }

    @Test
    void parsing() {
        assertEquals(Optional.empty(), AnswerReader.parse("{\"other\": 1}"));
        assertEquals(Optional.of(ScreeningAnswers.NONE), AnswerReader.parse("{\"name\": \"null\", \"topic\": \"\"}"));
    }
}
