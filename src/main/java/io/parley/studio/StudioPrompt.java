package io.parley.studio;

import io.parley.models.ChatMessage;
import io.parley.store.Persona;
import java.util.ArrayList;
import java.util.List;

/**
 * What a persona's language model is asked: who it is and where (its style, the show, who is in the studio), then
 * the studio's conversation with every turn labelled by its speaker. Chat models take two roles, so the persona's
 * own turns are the assistant's and everybody else's are the user's, each line starting with the speaker's name;
 * consecutive lines of others are one message. The last message says whose turn it is.
 */
final class StudioPrompt {

    private StudioPrompt() {
    }

    /**
     * @param persona the one who speaks next
     * @param present the studio's people and voices now, by label with what they are ("Kate, a caller, on
     *                music")
     * @param turns the latest turns, oldest first
     */
    static List<ChatMessage> of(Persona persona, List<String> present, List<StudioTurn> turns) {
        return of(persona, present, List.of(), turns, null);
    }

    /**
     * @param earlier the show's earlier segments, oldest first: what the persona is told of earlier in the show
     * @param followingUp the segment the persona has phoned in to follow up on, or null for an ordinary turn
     */
    static List<ChatMessage> of(Persona persona, List<String> present, List<Segment> earlier,
                                List<StudioTurn> turns, Segment followingUp) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(system(persona, present, earlier)));
        StringBuilder others = new StringBuilder();
        for (StudioTurn turn : turns) {
            if (isOwn(persona, turn)) {
                if (others.length() > 0) {
                    messages.add(ChatMessage.user(others.toString().strip()));
                    others.setLength(0);
                }
                messages.add(ChatMessage.assistant(turn.text() + (turn.interrupted() ? " —" : "")));
            } else {
                others.append(line(turn)).append('\n');
            }
        }
        others.append(followingUp == null ? cue(persona, turns.isEmpty())
                : followUpCue(persona, followingUp, earlier.contains(followingUp)));
        messages.add(ChatMessage.user(others.toString().strip()));
        return messages;
    }

    static String system(Persona persona, List<String> present) {
        return system(persona, present, List.of());
    }

    static String system(Persona persona, List<String> present, List<Segment> earlier) {
        String role = persona.role() == Persona.Role.CALLER
                ? "an AI caller who has phoned in to the show with a story of your own"
                : "the show's AI co-host, in the studio with the host";
        return persona.style().strip() + "\n\n"
                + "You are " + persona.name() + ", " + role + ", on a live call-in radio show. "
                + "In the studio now: " + String.join("; ", present) + ".\n"
                + earlier(earlier)
                + "The conversation so far follows, each line starting with who said it. Lines that end in a dash"
                + " were cut off when somebody spoke over them.\n"
                + "Answer as " + persona.name() + " only, in one to three short spoken sentences: no lists, no"
                + " stage directions, nothing in brackets, and do not start with your name.";
    }

    /** "Earlier in the show:" and a line per segment (who called, about what, and what was said), or nothing. */
    static String earlier(List<Segment> earlier) {
        if (earlier.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Earlier in the show:\n");
        earlier.forEach(s -> out.append("- ").append(s.who()).append(": ").append(s.summary()).append('\n'));
        return out.toString();
    }

    private static String followUpCue(Persona persona, Segment segment, boolean toldAlready) {
        return "(" + persona.name() + " has just phoned in to follow up on " + segment.caller() + "'s call earlier in"
                + " the show" + (toldAlready ? "" : " (" + segment.summary() + ")") + ". " + persona.name()
                + " greets the host, says it is about what " + segment.caller() + " said, and adds to it.)";
    }

    private static boolean isOwn(Persona persona, StudioTurn turn) {
        return turn.speaker().kind() == Speaker.Kind.PERSONA
                && turn.speaker().key().equals(Speaker.persona(persona.name(), persona.id()).key());
    }

    private static String line(StudioTurn turn) {
        return turn.speaker().label() + ": " + turn.text() + (turn.interrupted() ? " —" : "");
    }

    private static String cue(Persona persona, boolean nothingSaid) {
        return nothingSaid ? "(Nobody has spoken yet. The host turns to " + persona.name() + " to open.)"
                : "(Now " + persona.name() + " speaks.)";
    }
}
