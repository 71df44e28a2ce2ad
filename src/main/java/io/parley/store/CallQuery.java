package io.parley.store;

import io.parley.call.CallStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A page of {@code GET /api/calls}: calls whose other party is {@code number}, created in [since, until), in
 * {@code status}, newest first, after {@code cursor}; each filter optional.
 */
public record CallQuery(Optional<String> number, Optional<Instant> since, Optional<Instant> until,
                        Optional<CallStatus> status, Optional<CallCursor> after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public CallQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    public static CallQuery newest(int limit) {
        return new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                limit);
    }
}
