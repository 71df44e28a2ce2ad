package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.store.CallCursor;
import io.parley.store.CallHistory;
import io.parley.store.CallQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of stored calls with the live ones laid over it: a call in memory shows as it stands now, and one whose
 * first write has not reached the database yet (it is milliseconds behind) is listed all the same, in its place.
 */
final class LiveCalls {

    static final Comparator<CallRecord> NEWEST_FIRST = Comparator.comparing(CallRecord::createdAt)
            .thenComparing(CallRecord::callSid).reversed();

    private LiveCalls() {
    }

    static CallHistory.Page merge(CallHistory.Page stored, List<CallRecord> live, CallQuery query) {
        Map<String, CallRecord> bySid = new LinkedHashMap<>();
        stored.calls().forEach(c -> bySid.put(c.callSid(), c));
        Optional<CallRecord> lastStored = stored.calls().isEmpty() ? Optional.empty()
                : Optional.of(stored.calls().get(stored.calls().size() - 1));
        for (CallRecord call : live) {
            if (bySid.containsKey(call.callSid())) {
                bySid.put(call.callSid(), call);
            } else if (matches(call, query) && (stored.next().isEmpty()
                    || lastStored.map(last -> NEWEST_FIRST.compare(call, last) < 0).orElse(true))) {
                bySid.put(call.callSid(), call);
            }
        }
        List<CallRecord> calls = new ArrayList<>(bySid.values());
        calls.sort(NEWEST_FIRST);
        boolean more = stored.next().isPresent() || calls.size() > query.limit();
        if (calls.size() > query.limit()) {
            calls = calls.subList(0, query.limit());
        }
        CallRecord last = calls.isEmpty() ? null : calls.get(calls.size() - 1);
        return new CallHistory.Page(List.copyOf(calls), more && last != null
                ? Optional.of(new CallCursor(last.createdAt(), last.callSid())) : Optional.empty());
    }

    static boolean matches(CallRecord call, CallQuery q) {
        return q.number().map(n -> n.equals(call.from()) || n.equals(call.to())).orElse(true)
                && q.since().map(s -> !call.createdAt().isBefore(s)).orElse(true)
                && q.until().map(u -> call.createdAt().isBefore(u)).orElse(true)
                && q.status().map(s -> s == call.status()).orElse(true)
                && q.after().map(a -> olderThan(call, a)).orElse(true);
    }

    /** Whether the call comes after the cursor, newest first: older, or as old with a smaller SID. */
    private static boolean olderThan(CallRecord call, CallCursor cursor) {
        int byTime = call.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || byTime == 0 && call.callSid().compareTo(cursor.callSid()) < 0;
    }
}
