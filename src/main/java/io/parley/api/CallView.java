package io.parley.api;

import io.parley.call.CallRecord;
import java.time.Instant;

/** A call as the API shows it: Twilio's status names, ISO-8601 times, the duration in seconds once ended. */
public record CallView(String callSid, String direction, String from, String to, String status, boolean active,
                       Instant createdAt, Instant answeredAt, Instant endedAt, Long durationSeconds) {

    static CallView of(CallRecord call) {
        return new CallView(call.callSid(), call.direction().label(), call.from(), call.to(),
                call.status().twilioName(), call.active(), call.createdAt(), call.answeredAt(), call.endedAt(),
                call.durationSeconds());
    }
}
