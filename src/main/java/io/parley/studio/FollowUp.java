package io.parley.studio;

import java.time.Instant;

/**
 * A follow-up on an earlier segment: the AI caller that phoned in ({@code persona} null when an automatic one was
 * skipped), whether auto follow-up started it, and why that persona (or why not).
 *
 * @param key the earlier caller's speaker key (their call's SID)
 */
public record FollowUp(Instant at, String caller, String key, String persona, Long personaId, boolean auto,
                       String why) {
}
