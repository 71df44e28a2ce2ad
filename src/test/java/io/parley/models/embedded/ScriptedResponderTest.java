package io.parley.models.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptedResponderTest {

    private final ScriptedResponder responder = new ScriptedResponder(Runnable::run,
            Clock.fixed(Instant.parse("2026-11-21T15:42:00Z"), ZoneId.of("UTC")));

    private String reply(String... userTurns) throws Exception {
        List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.system("prompt"), ChatMessage.assistant("Hello")));
        for (String turn : userTurns) {
            conversation.add(ChatMessage.user(turn));
        }
        List<String> pieces = new ArrayList<>();
        String all = responder.reply(conversation, pieces::add).done().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals(all, String.join("", pieces), "streamed pieces make the whole reply");
        assertTrue(pieces.size() > 1, "streamed word by word");
        return all;
    }

    @Test
    void inAStudioConversationItAnswersTheLastThingSaid() throws Exception {
        assertEquals("It's 3:42 PM.", reply("Host: good evening\nKate: what time is it\n(Now Max speaks.)"));
        assertTrue(reply("Host: welcome\nKate: i play the cello\n(Now Max speaks.)")
                .startsWith("I heard you say: i play the cello."));
    }

    @Test
    void answersTheFewThingsItKnows() throws Exception {
        assertEquals("It's 3:42 PM.", reply("what time is it"));
        assertEquals("Today is Saturday, November 21.", reply("what day is it today"));
        assertEquals("You said: my name is Ada.", reply("my name is Ada", "please repeat that"));
        assertEquals("Goodbye, and thanks for calling.", reply("ok bye"));
        assertTrue(reply("hello there").startsWith("Hello!"));
    }

    @Test
    void readsBackTheKeysPressed() throws Exception {
        assertEquals("You pressed 1 2 pound.", reply(ChatMessage.keypad("12#").content()));
        assertEquals("You pressed star.", reply(ChatMessage.keypad("*").content()));
    }

    @Test
    void echoesAnythingElseAndSaysWhatItIs() throws Exception {
        assertEquals("I heard you say: book a table for two. I'm only a scripted demo, so ask me the time, or say goodbye.",
                reply("book a table for two"));
        assertTrue(responder.describe().contains("not a language model"));
    }
}
