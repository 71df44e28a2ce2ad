package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.call.CallRecord;
import io.parley.call.CallStatus;
import io.parley.call.Direction;
import io.parley.store.CallHistory;
import io.parley.store.CallQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveCallsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static CallRecord call(int n, long seconds) {
        return CallRecord.newCall(String.format("CA%032d", n), Direction.INBOUND, "+1555000000" + (n % 2), "+15005550006",
                T0.plusSeconds(seconds));
    }

    private static List<String> sids(CallHistory.Page page) {
        return page.calls().stream().map(CallRecord::callSid).toList();
    }

    @Test
    void aCallNotStoredYetIsListedInItsPlaceAndALiveOneAsItStandsNow() {
        CallRecord stored = call(1, 10);
        CallRecord older = call(2, 5);
        CallRecord justNow = call(3, 20);
        CallRecord storedLive = stored.withStatus(CallStatus.IN_PROGRESS, Optional.empty(), T0.plusSeconds(11), null);
        CallHistory.Page page = LiveCalls.merge(new CallHistory.Page(List.of(stored, older), Optional.empty()),
                List.of(justNow, storedLive), CallQuery.newest(50));
        assertEquals(List.of(justNow.callSid(), stored.callSid(), older.callSid()), sids(page));
        assertEquals(CallStatus.IN_PROGRESS, page.calls().get(1).status());
        assertEquals(Optional.empty(), page.next());
    }

    @Test
    void theLimitAndTheFiltersHoldForLiveCallsToo() {
        CallRecord a = call(1, 30);
        CallRecord b = call(2, 20);
        CallRecord c = call(3, 10);
        CallHistory.Page page = LiveCalls.merge(new CallHistory.Page(List.of(b), Optional.empty()), List.of(a, c),
                CallQuery.newest(2));
        assertEquals(List.of(a.callSid(), b.callSid()), sids(page));
        assertEquals(b.callSid(), page.next().orElseThrow().callSid(), "the next page starts after the last shown");
        CallQuery odd = new CallQuery(Optional.of("+15550000001"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 50);
        assertEquals(List.of(a.callSid(), c.callSid()),
                sids(LiveCalls.merge(new CallHistory.Page(List.of(), Optional.empty()), List.of(a, b, c), odd)));
    }
}
