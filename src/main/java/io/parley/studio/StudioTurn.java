package io.parley.studio;

import java.time.Instant;

/**
 * One turn of the studio's conversation, from when its speaker started ({@code at}) to when they stopped. A
 * persona's turn holds what the room heard of it: when somebody spoke over it, the words it did not get to say are
 * not here, and {@code interrupted} says so. A person's turn gets its {@code mood} shortly after it is said (null
 * until then, and for personas).
 */
public record StudioTurn(long seq, Speaker speaker, String text, Instant at, Instant end, boolean interrupted,
                         Mood mood) {

    StudioTurn withMood(Mood read) {
        return new StudioTurn(seq, speaker, text, at, end, interrupted, read);
    }
}
