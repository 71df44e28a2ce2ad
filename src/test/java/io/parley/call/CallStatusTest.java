package io.parley.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallStatusTest {

    @Test
    void readsTwilioNames() {
        assertEquals(Optional.of(CallStatus.IN_PROGRESS), CallStatus.fromTwilio("in-progress"));
        assertEquals(Optional.of(CallStatus.NO_ANSWER), CallStatus.fromTwilio(" No-Answer "));
        assertEquals(Optional.empty(), CallStatus.fromTwilio("ringing-ish"));
        assertEquals(Optional.empty(), CallStatus.fromTwilio(null));
    }

    @Test
    void everyTwilioNameRoundTrips() {
        for (CallStatus status : CallStatus.values()) {
            assertEquals(Optional.of(status), CallStatus.fromTwilio(status.twilioName()));
        }
    }

    @Test
    void progressIsStrictlyForward() {
        assertTrue(CallStatus.QUEUED.precedes(CallStatus.RINGING));
        assertTrue(CallStatus.RINGING.precedes(CallStatus.CANCELED));
        assertFalse(CallStatus.IN_PROGRESS.precedes(CallStatus.RINGING));
        assertFalse(CallStatus.RINGING.precedes(CallStatus.RINGING));
        assertFalse(CallStatus.COMPLETED.precedes(CallStatus.FAILED));
    }

    @Test
    void directionFromTwilio() {
        assertEquals(Direction.INBOUND, Direction.fromTwilio("inbound"));
        assertEquals(Direction.OUTBOUND, Direction.fromTwilio("outbound-api"));
        assertEquals(Direction.OUTBOUND, Direction.fromTwilio("outbound-dial"));
        assertEquals(Direction.INBOUND, Direction.fromTwilio(null));
    }
}
