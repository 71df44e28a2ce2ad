package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.models.ChatMessage;
import io.parley.store.Persona;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudioPromptTest {

    private static final Persona MAX = new Persona(1, "Max", Persona.Role.CO_HOST, "am_michael", "kevin16",
            "You are Max, warm and quick.");
    private static final Persona DOT = new Persona(2, "Dot", Persona.Role.CALLER, "af_bella", "kevin16-high",
            "You are Dot, a lighthouse keeper.");
    private static final Speaker KATE = Speaker.caller("Kate", "CA" + "0".repeat(32));

    private static StudioTurn turn(long seq, Speaker who, String text, boolean interrupted) {
        return new StudioTurn(seq, who, text, Instant.EPOCH.plusSeconds(seq), Instant.EPOCH.plusSeconds(seq), interrupted,
                null);
    }

    @Test
    void everyOtherSpeakerIsALabelledLineAndThePersonasOwnTurnsAreTheAssistants() {
        List<ChatMessage> messages = StudioPrompt.of(MAX, List.of("Host, the show's host", "Kate, a caller, on music"),
                List.of(turn(1, Speaker.HOST, "Welcome back to the show.", false),
                        turn(2, KATE, "I play the cello.", false),
                        turn(3, Speaker.persona("Max", 1), "How long have you played", true),
                        turn(4, Speaker.persona("Dot", 2), "My brother played the cello.", false),
                        turn(5, Speaker.HOST, "Max, what do you think?", false)));

        assertEquals(ChatMessage.Role.SYSTEM, messages.get(0).role());
        String system = messages.get(0).content();
        assertTrue(system.startsWith("You are Max, warm and quick."), system);
        assertTrue(system.contains("the show's AI co-host"), system);
        assertTrue(system.contains("In the studio now: Host, the show's host; Kate, a caller, on music."), system);

        assertEquals(List.of(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT,
                ChatMessage.Role.USER), messages.stream().map(ChatMessage::role).toList());
        assertEquals("Host: Welcome back to the show.\nKate: I play the cello.", messages.get(1).content());
        assertEquals("How long have you played —", messages.get(2).content(), "cut off: marked so");
        assertEquals("Dot: My brother played the cello.\nHost: Max, what do you think?\n(Now Max speaks.)",
                messages.get(3).content());
    }

    @Test
    void anAiCallerKnowsItPhonedInAndAnEmptyStudioIsOpenedByIt() {
        List<ChatMessage> messages = StudioPrompt.of(DOT, List.of("nobody else yet"), List.of());
        assertTrue(messages.get(0).content().contains("an AI caller who has phoned in"), messages.get(0).content());
        assertEquals(2, messages.size());
        assertEquals("(Nobody has spoken yet. The host turns to Dot to open.)", messages.get(1).content());
    }
}
