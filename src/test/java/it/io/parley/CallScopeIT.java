package it.io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRegistry;
import io.parley.call.CallSession;
import io.parley.call.CallSessions;
import io.parley.call.CallStatus;
import io.parley.call.CurrentCall;
import io.parley.call.Direction;
import io.parley.call.StreamTokens;
import io.parley.telephony.media.FakeLink;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioOutput;
import io.parley.telephony.media.TwilioStream;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @CallScoped} in the container: two calls running at the same time on Liberty's managed executor see
 * different instances, one call always sees its own, the context is inactive outside a call's tasks, and a
 * call's beans are destroyed when it ends.
 */
@ExtendWith(ArquillianExtension.class)
class CallScopeIT {

    @Deployment
    static WebArchive deployment() {
        return TestArchives.parleyCore("parley-call-scope.war").addClasses(CallProbe.class, FakeLink.class);
    }

    @Inject
    CallSessions sessions;

    @Inject
    CallProbe probe;

    @Inject
    CallRegistry registry;

    @Inject
    StreamTokens tokens;

    @Inject
    CurrentCall currentCall;

    private record Seen(String probeId, String callSid, String thread) {
    }

    @Test
    void eachCallHasItsOwnInstancesOnlyWhileItRuns() throws Exception {
        assertThrows(ContextNotActiveException.class, probe::id, "outside a call there is no call context");

        String sidA = "CA" + UUID.randomUUID().toString().replace("-", "");
        String sidB = "CA" + UUID.randomUUID().toString().replace("-", "");
        CallSession a = start(sidA);
        CallSession b = start(sidB);
        int destroyedBefore = CallProbe.DESTROYED.get();

        CountDownLatch together = new CountDownLatch(2);
        CompletableFuture<Seen> a1 = observe(a, together);
        CompletableFuture<Seen> b1 = observe(b, together);
        Seen seenA1 = a1.get(10, TimeUnit.SECONDS);
        Seen seenB1 = b1.get(10, TimeUnit.SECONDS);
        assertNotEquals(seenA1.thread(), seenB1.thread(), "the two calls' tasks ran at the same time");
        assertNotEquals(seenA1.probeId(), seenB1.probeId(), "two calls, two instances");
        assertEquals(sidA, seenA1.callSid());
        assertEquals(sidB, seenB1.callSid());

        Seen seenA2 = observe(a, new CountDownLatch(0)).get(10, TimeUnit.SECONDS);
        assertEquals(seenA1.probeId(), seenA2.probeId(), "one call always sees the same instance");

        assertThrows(ContextNotActiveException.class, probe::id, "still none outside");

        a.stop();
        b.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(a.isEnded() && b.isEnded()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(a.isEnded() && b.isEnded());
        assertEquals(destroyedBefore + 2, CallProbe.DESTROYED.get(), "each call's instance was destroyed with it");
    }

    /** A call as the voice webhook connects it (registered, its stream token issued), and its stream's start. */
    private CallSession start(String callSid) {
        registry.report(callSid, Direction.INBOUND, "+15551230000", "+15559870000", CallStatus.RINGING, Optional.empty());
        String token = tokens.issue();
        tokens.expect(callSid, token);
        TwilioOutput output = new TwilioOutput(new FakeLink());
        CallSession session = sessions.open(output).orElseThrow();
        new TwilioStream(session, output).accept(new StreamEvent.Start(1, "MZ" + callSid.substring(2), "AC0",
                callSid, List.of("inbound"), new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1),
                Map.of("Direction", "inbound", StreamTokens.PARAMETER, token)));
        return session;
    }

    /** Runs on the call's executor: waits for the other call's task, then reads the call-scoped beans. */
    private CompletableFuture<Seen> observe(CallSession session, CountDownLatch together) {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        session.executor().execute(() -> {
            try {
                together.countDown();
                together.await(5, TimeUnit.SECONDS);
                seen.complete(new Seen(probe.id(), currentCall.callSid(), Thread.currentThread().getName()));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }
}
