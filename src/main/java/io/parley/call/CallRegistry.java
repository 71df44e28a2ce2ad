package io.parley.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import io.parley.logging.LogSafe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every active call and the most recent ended ones. The one place where calls share state: records are
 * immutable and replaced atomically per call SID, so no lock is held across calls.
 */
@ApplicationScoped
public class CallRegistry {

    public static final String RECENT_LIMIT = "parley.calls.recent-limit";

    private static final Logger LOG = Logger.getLogger(CallRegistry.class.getName());

    private final ConcurrentHashMap<String, CallRecord> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> endedInOrder = new ConcurrentLinkedQueue<>();
    private Event<CallEvent> events;
    private int recentLimit;

    protected CallRegistry() {
        // for the CDI proxy
    }

    @Inject
    public CallRegistry(Event<CallEvent> events,
                        @ConfigProperty(name = RECENT_LIMIT, defaultValue = "200") int recentLimit) {
        this.events = events;
        this.recentLimit = Math.max(0, recentLimit);
    }

    /**
     * Applies what Twilio (or Parley itself) reports about a call: creates the record for an unknown SID, fills
     * in missing parties, and moves the status forward only (late, out-of-order reports change nothing).
     *
     * @return the call as it stands afterwards
     */
    public CallRecord report(String callSid, Direction direction, String from, String to, CallStatus status,
                             Optional<Long> durationSeconds) {
        return report(callSid, direction, from, to, status, durationSeconds, null);
    }

    private CallRecord report(String callSid, Direction direction, String from, String to, CallStatus status,
                              Optional<Long> durationSeconds, String endReason) {
        Instant now = Instant.now();
        CallRecord[] before = new CallRecord[1];
        CallRecord after = calls.compute(callSid, (sid, old) -> {
            before[0] = old;
            CallRecord base = old == null ? CallRecord.newCall(sid, direction, from, to, now)
                    : old.withPartiesIfMissing(from, to);
            return base.withStatus(status, durationSeconds, now, endReason);
        });
        if (before[0] == null) {
            LOG.info(() -> "Call " + callSid + " " + after.direction().label() + " from " + LogSafe.text(after.from())
                    + " to " + LogSafe.text(after.to()) + ": " + after.status().twilioName());
            events.fire(new CallEvent.Started(after));
        } else if (before[0].status() != after.status()) {
            LOG.info(() -> "Call " + callSid + ": " + before[0].status().twilioName() + " -> " + after.status().twilioName());
        }
        if (after.status().isTerminal() && (before[0] == null || before[0].active())) {
            events.fire(new CallEvent.Ended(after));
            endedInOrder.add(callSid);
            forgetOldestEnded();
        } else if (before[0] != null && !before[0].equals(after)) {
            events.fire(new CallEvent.Changed(after));
        }
        return after;
    }

    /** A call Parley turned away before answering it (a blocked or unknown caller): it ends as busy. */
    public CallRecord rejected(String callSid, Direction direction, String from, String to, String reason) {
        return report(callSid, direction, from, to, CallStatus.BUSY, Optional.empty(), CallRecord.REJECTED + reason);
    }

    /**
     * A call's media stream has ended: keep its figures, and end the call unless Twilio already has (with
     * {@code <Connect><Stream>} nothing follows the stream, so Twilio hangs up when it closes).
     */
    public CallRecord mediaEnded(String callSid, MediaStats media) {
        CallRecord withMedia = calls.computeIfPresent(callSid, (sid, old) -> old.withMedia(media));
        if (withMedia == null) {
            return null;
        }
        if (!withMedia.active()) {
            events.fire(new CallEvent.Changed(withMedia));
        }
        return report(callSid, withMedia.direction(), null, null, CallStatus.COMPLETED, Optional.empty(),
                media.reason());
    }

    /**
     * Ends the calls that have waited too long for their media stream: still queued or ringing (the webhook
     * came, the stream never did), or answered with no stream, {@code timeout} after their last status change.
     * Such a call would otherwise stay active for ever.
     *
     * @param streaming whether a call (by SID) has a live media stream; those never expire here
     * @return the calls ended
     */
    public List<CallRecord> expire(Instant now, Duration timeout, Predicate<String> streaming) {
        List<CallRecord> expired = new ArrayList<>();
        for (CallRecord call : calls.values()) {
            if (call.active() && call.updatedAt().plus(timeout).isBefore(now) && !streaming.test(call.callSid())) {
                String reason = "no media stream within " + timeout.toSeconds() + " s of the call's last status ("
                        + call.status().twilioName() + ")";
                CallRecord ended = report(call.callSid(), call.direction(), null, null, CallStatus.FAILED,
                        Optional.empty(), reason);
                if (!ended.active() && reason.equals(ended.endReason())) {
                    LOG.warning(() -> "Call " + call.callSid() + " expired: " + reason);
                    expired.add(ended);
                }
            }
        }
        return expired;
    }

    /** A turn of the call's conversation (the caller's words, or the agent's reply with its timings). */
    public void addTurn(String callSid, ConversationTurn turn) {
        CallRecord after = calls.computeIfPresent(callSid, (sid, old) -> old.withTurn(turn));
        if (after != null) {
            events.fire(new CallEvent.TurnTaken(after, after.turns().size() - 1, turn));
        }
    }

    /** Drops an ended call from memory (its records were erased); an active call stays. */
    public void forget(String callSid) {
        calls.computeIfPresent(callSid, (sid, call) -> call.active() ? call : null);
        endedInOrder.remove(callSid);
    }

    public Optional<CallRecord> find(String callSid) {
        return Optional.ofNullable(calls.get(callSid));
    }

    /** Active calls and the most recent ended ones, newest first. */
    public List<CallRecord> all() {
        return calls.values().stream().sorted(Comparator.comparing(CallRecord::createdAt).reversed()).toList();
    }

    public int activeCount() {
        return (int) calls.values().stream().filter(CallRecord::active).count();
    }

    private void forgetOldestEnded() {
        while (endedInOrder.size() > recentLimit) {
            String oldest = endedInOrder.poll();
            if (oldest != null) {
                calls.remove(oldest);
            }
        }
    }
}
