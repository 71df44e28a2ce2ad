package io.parley.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory of each caller whose call is being connected, looked up by the voice webhook (where the database
 * may be asked) and taken by the agent when the call's stream starts (where it may not). Forgotten when the call
 * ends, taken or not.
 */
@ApplicationScoped
public class CallerMemories {

    private final ConcurrentHashMap<String, CallerMemory> byCall = new ConcurrentHashMap<>();

    public void remember(String callSid, CallerMemory memory) {
        if (memory.knowsSomething()) {
            byCall.put(callSid, memory);
        }
    }

    public Optional<CallerMemory> take(String callSid) {
        return Optional.ofNullable(byCall.remove(callSid));
    }

    void forget(@Observes CallEvent.Ended ended) {
        byCall.remove(ended.call().callSid());
    }

    int size() {
        return byCall.size();
    }
}
