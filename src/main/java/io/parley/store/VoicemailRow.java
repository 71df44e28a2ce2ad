package io.parley.store;

import java.time.Instant;

/**
 * A message left on the show line: whose, why it went to voicemail (off-air, queue-full, long-wait, host), and
 * its WAV ({@code path} relative to the recordings folder).
 */
public record VoicemailRow(long id, String callSid, String from, Long callerId, String name, String topic,
                           String reason, String path, long millis, long bytes, Instant recordedAt) {
}
