package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;
import io.parley.call.MediaStats;
import io.parley.store.CallHistory;
import io.parley.store.Caller;
import io.parley.store.Recording;
import java.time.Instant;
import java.util.List;

/**
 * A call as the API shows it: Twilio's status names, ISO-8601 times, the duration in seconds once ended, and
 * its media session (live while the stream runs, final afterwards; absent before the stream starts), and the
 * conversation's turns with their timings.
 */
public record CallView(String callSid, String direction, String from, String to, String status, boolean active,
                       Instant createdAt, Instant answeredAt, Instant endedAt, Long durationSeconds, String endReason,
                       Media media, List<ConversationTurn> turns, String summary, Caller caller,
                       RecordingView recording) {

    /** A finished recording: where to get it, how long it is and how big. */
    public record RecordingView(String url, long durationMillis, long bytes) {
    }

    /** The media session: Parley's state of the call and its counters. */
    public record Media(String streamSid, String state, String stateReason, long framesIn, long framesOut,
                        long framesDropped, long marksSent, long marksEchoed, long clears,
                        long markRoundTripMillis, long messagesRefused, String dtmf) {

        static Media of(MediaStats s) {
            return s == null ? null : new Media(s.streamSid(), s.state().name(), s.reason(), s.framesIn(),
                    s.framesOut(), s.framesDropped(), s.marksSent(), s.marksEchoed(), s.clears(),
                    s.markRoundTripMillisAvg(), s.refused(), s.dtmf());
        }
    }

    /** The view of a call; {@code withTurns} false leaves the turns out (null, so not shown), as lists do. */
    static CallView of(CallRecord call, MediaStats live, boolean withTurns) {
        return new CallView(call.callSid(), call.direction().label(), call.from(), call.to(),
                call.status().twilioName(), call.active(), call.createdAt(), call.answeredAt(), call.endedAt(),
                call.durationSeconds(), call.endReason(), Media.of(live != null ? live : call.media()),
                withTurns ? call.turns() : null, null, null, null);
    }

    /** The view with what the database adds: the call's summary, its caller and its recording. */
    CallView with(CallHistory.Extras extras) {
        Recording r = extras.recording();
        return new CallView(callSid, direction, from, to, status, active, createdAt, answeredAt, endedAt,
                durationSeconds, endReason, media, turns, extras.summary(), extras.caller(), r == null ? null
                : new RecordingView("/api/calls/" + callSid + "/recording", r.millis(), r.bytes()));
    }
}
