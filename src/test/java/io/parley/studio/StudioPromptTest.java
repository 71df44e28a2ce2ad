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

    @Test
    void everyPromptCarriesTheEarlierSegmentsAndAFollowUpIsCuedAsAPhoneCallAboutOne() {
        Segment kate = new Segment(KATE.key(), "Kate", "music", Instant.EPOCH, Instant.EPOCH.plusSeconds(300),
                "Kate told the host about twenty years of playing the cello.");
        Segment bob = new Segment("CA" + "1".repeat(32), "Bob", "", Instant.EPOCH.plusSeconds(400),
                Instant.EPOCH.plusSeconds(500), "Bob called and said: \"the ferry was late\"");

        String system = StudioPrompt.of(MAX, List.of("Host, the show's host"), List.of(kate, bob),
                List.of(turn(1, Speaker.HOST, "Back to the phones.", false)), null).get(0).content();
        assertTrue(system.contains("Earlier in the show:\n- Kate, on music: Kate told the host about twenty years of"
                + " playing the cello.\n- Bob: Bob called and said: \"the ferry was late\"\n"), system);

        List<ChatMessage> followUp = StudioPrompt.of(DOT, List.of("Host, the show's host"), List.of(kate, bob),
                List.of(turn(1, Speaker.HOST, "Back to the phones.", false)), kate);
        String cue = followUp.get(followUp.size() - 1).content();
        assertTrue(cue.startsWith("Host: Back to the phones.\n(Dot has just phoned in to follow up on Kate's call"
                + " earlier in the show."), cue);
        assertTrue(cue.contains("what Kate said"), cue);

        String older = StudioPrompt.of(DOT, List.of("Host, the show's host"), List.of(bob), List.of(), kate)
                .get(1).content();
        assertTrue(older.contains("(Kate told the host about twenty years of playing the cello.)"),
                "a segment the block no longer holds is told in the cue: " + older);
        assertTrue(!StudioPrompt.of(MAX, List.of("Host"), List.of()).get(0).content().contains("Earlier in the show"),
                "no block before anybody has called");
    }
}
