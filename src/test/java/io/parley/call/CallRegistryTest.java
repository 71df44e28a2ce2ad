package io.parley.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallRegistryTest {

    private final RecordingEvents events = new RecordingEvents();
    private final CallRegistry registry = new CallRegistry(events, 3);

    private CallRecord report(String sid, CallStatus status, Long duration) {
        return registry.report(sid, Direction.INBOUND, "+15551230000", "+15559870000", status, Optional.ofNullable(duration));
    }

    @Test
    void statusOnlyMovesForwardWhateverOrderCallbacksArriveIn() {
        report("CA1", CallStatus.RINGING, null);
        report("CA1", CallStatus.COMPLETED, 42L);
        report("CA1", CallStatus.IN_PROGRESS, null);
        report("CA1", CallStatus.RINGING, null);
        CallRecord call = report("CA1", CallStatus.INITIATED, null);

        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(42L, call.durationSeconds());
        assertNotNull(call.endedAt());
        assertFalse(call.active());
    }

    @Test
    void aSecondTerminalStatusDoesNotReplaceTheFirst() {
        report("CA1", CallStatus.RINGING, null);
        report("CA1", CallStatus.BUSY, null);
        CallRecord call = report("CA1", CallStatus.COMPLETED, 7L);
        assertEquals(CallStatus.BUSY, call.status());
        assertEquals(0L, call.durationSeconds());
    }

    @Test
    void answerTimeIsKeptAndDurationMeasuredWhenTwilioGivesNone() {
        report("CA1", CallStatus.RINGING, null);
        CallRecord answered = report("CA1", CallStatus.IN_PROGRESS, null);
        assertNotNull(answered.answeredAt());
        assertNull(answered.endedAt());
        CallRecord ended = report("CA1", CallStatus.COMPLETED, null);
        assertEquals(answered.answeredAt(), ended.answeredAt());
        assertEquals(0L, ended.durationSeconds());
    }

    @Test
    void firesStartedOnceAndEndedOnce() {
        report("CA1", CallStatus.RINGING, null);
        report("CA1", CallStatus.RINGING, null); // Twilio retried the webhook
        report("CA1", CallStatus.IN_PROGRESS, null);
        report("CA1", CallStatus.COMPLETED, 3L);
        report("CA1", CallStatus.COMPLETED, 3L);

        // the retried webhook and the repeated final report change nothing, so fire nothing
        assertEquals(List.of(CallEvent.Started.class, CallEvent.Changed.class, CallEvent.Ended.class),
                events.fired.stream().map(Object::getClass).toList());
        assertEquals(CallStatus.IN_PROGRESS, events.fired.get(1).call().status());
        assertEquals(CallStatus.COMPLETED, events.fired.get(2).call().status());
    }

    @Test
    void eachTurnIsFiredWithItsPlace() {
        report("CA1", CallStatus.IN_PROGRESS, null);
        ConversationTurn hello = new ConversationTurn("agent", "Hello", java.time.Instant.now(), false, null, null,
                null, null);
        ConversationTurn hi = new ConversationTurn("caller", "hi", java.time.Instant.now(), false, null, null, null,
                null);
        registry.addTurn("CA1", hello);
        registry.addTurn("CA1", hi);
        registry.addTurn("CA-unknown", hi);
        List<CallEvent.TurnTaken> taken = events.fired.stream().filter(CallEvent.TurnTaken.class::isInstance)
                .map(CallEvent.TurnTaken.class::cast).toList();
        assertEquals(2, taken.size(), "a turn of a call Parley does not know is not fired");
        assertEquals(0, taken.get(0).seq());
        assertEquals(hello, taken.get(0).turn());
        assertEquals(1, taken.get(1).seq());
        assertEquals(2, taken.get(1).call().turns().size());
    }

    @Test
    void aFinalReportForAnUnknownCallStartsAndEndsIt() {
        CallRecord call = registry.report("CA9", Direction.OUTBOUND, null, null, CallStatus.NO_ANSWER, Optional.empty());
        assertEquals(CallStatus.NO_ANSWER, call.status());
        assertEquals(Direction.OUTBOUND, call.direction());
        assertEquals(List.of(CallEvent.Started.class, CallEvent.Ended.class),
                events.fired.stream().map(Object::getClass).toList());
    }

    @Test
    void laterReportsFillInMissingParties() {
        registry.report("CA1", Direction.INBOUND, null, null, CallStatus.RINGING, Optional.empty());
        CallRecord call = report("CA1", CallStatus.IN_PROGRESS, null);
        assertEquals("+15551230000", call.from());
        assertEquals("+15559870000", call.to());
    }

    @Test
    void keepsOnlyTheMostRecentEndedCallsAndAllActiveOnes() {
        IntStream.range(0, 5).forEach(i -> report("CA-active-" + i, CallStatus.IN_PROGRESS, null));
        IntStream.range(0, 6).forEach(i -> {
            report("CA-ended-" + i, CallStatus.RINGING, null);
            report("CA-ended-" + i, CallStatus.COMPLETED, 1L);
        });

        assertEquals(5, registry.activeCount());
        assertEquals(8, registry.all().size());
        assertTrue(registry.find("CA-ended-0").isEmpty());
        assertTrue(registry.find("CA-ended-5").isPresent());
        assertTrue(registry.find("CA-active-0").isPresent());
    }

    @Test
    void listsNewestFirst() throws InterruptedException {
        report("CA-old", CallStatus.RINGING, null);
        Thread.sleep(2);
        report("CA-new", CallStatus.RINGING, null);
        assertEquals(List.of("CA-new", "CA-old"), registry.all().stream().map(CallRecord::callSid).toList());
    }
}
