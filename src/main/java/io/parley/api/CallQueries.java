package io.parley.api;

import io.parley.call.CallStatus;
import io.parley.http.RequestRefusedException;
import io.parley.store.CallCursor;
import io.parley.store.CallQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The query parameters of {@code GET /api/calls}, checked: each one wrong is refused with what it should be. */
final class CallQueries {

    private CallQueries() {
    }

    static CallQuery parse(String from, String since, String until, String status, String cursor, String limit) {
        Optional<String> number = present(from);
        number.ifPresent(n -> {
            if (n.length() > 32 || !n.matches("\\+?[0-9A-Za-z:._@-]+")) {
                throw new RequestRefusedException(400, "from: a phone number such as +15551234567");
            }
        });
        return new CallQuery(number, instant("since", since), instant("until", until), status(status),
                cursor(cursor), limit(limit));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Instant> instant(String name, String value) {
        return present(value).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new RequestRefusedException(400, name + ": an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            }
        });
    }

    private static Optional<CallStatus> status(String value) {
        return present(value).map(v -> CallStatus.fromTwilio(v).orElseThrow(() -> new RequestRefusedException(400,
                "status: one of queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled")));
    }

    private static Optional<CallCursor> cursor(String value) {
        return present(value).map(v -> CallCursor.decode(v).orElseThrow(() -> new RequestRefusedException(400,
                "cursor: not one this server gave (take it from the Link header of the page before)")));
    }

    private static int limit(String value) {
        Optional<String> given = present(value);
        if (given.isEmpty()) {
            return CallQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(given.get());
            if (n >= 1 && n <= CallQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRefusedException(400, "limit: a whole number from 1 to " + CallQuery.MAX_LIMIT);
    }
}
