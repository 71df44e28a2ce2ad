package io.parley.store;

import java.time.Instant;

/** A caller as the API shows it: one phone number, what Parley knows of its owner, and their calls in figures. */
public record Caller(long id, String number, String name, String notes, boolean blocked, Instant firstCallAt,
                     Instant lastCallAt, int callCount, Instant createdAt) {

    static Caller of(CallerEntity e) {
        return new Caller(e.id, e.phoneNumber, e.name, e.notes, e.blocked, e.firstCallAt, e.lastCallAt, e.callCount,
                e.createdAt);
    }
}
