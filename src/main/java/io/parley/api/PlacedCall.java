package io.parley.api;

import io.parley.call.CallRecord;

/** Answer to {@code POST /api/calls}. */
public record PlacedCall(String callSid, String status, String to, String from) {

    static PlacedCall of(CallRecord call) {
        return new PlacedCall(call.callSid(), call.status().twilioName(), call.to(), call.from());
    }
}
