package io.parley.store;

import java.time.Instant;

/**
 * One caller in the show's hold queue, as stored: the server holding their stream, what is known of them, and
 * where they are ({@code status}: screening, waiting, on-air, voicemail).
 */
public record QueueRow(String callSid, String serverId, String from, Long callerId, String name, String topic,
                       String status, int priority, String notes, Instant enqueuedAt, Instant updatedAt) {
}
