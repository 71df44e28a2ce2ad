package io.parley.studio;

import java.time.Instant;

/** What auto mode decided after a person's turn: which persona it asked, whether it spoke, and why. */
public record AutoDecision(Instant at, long afterTurn, String persona, boolean spoke, String why) {
}
