package io.parley.call;

import io.parley.logging.LogSafe;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a media stream's {@code start} may take the call it names. The handshake's signature covers only the
 * URL, so it proves nothing about the call: a start is accepted only when its SIDs are well formed, it carries
 * the stream token issued for that call (see {@link StreamTokens}), the call is still active, and no other stream
 * has it. The call then belongs to that session until the session ends.
 */
public final class StreamAdmission implements CallSession.Admission {

    private final StreamTokens tokens;
    private final CallRegistry registry;
    private final Map<String, CallSession> byCall = new ConcurrentHashMap<>();

    public StreamAdmission(StreamTokens tokens, CallRegistry registry) {
        this.tokens = tokens;
        this.registry = registry;
    }

    @Override
    public String admit(CallSession session, StreamStart start) {
        String callSid = start.callSid();
        if (!Sids.isCallSid(callSid)) {
            return "start.callSid " + LogSafe.quoted(callSid) + " is not a call SID";
        }
        if (!Sids.isStreamSid(start.streamSid())) {
            return "start.streamSid " + LogSafe.quoted(start.streamSid()) + " is not a stream SID";
        }
        if (!tokens.redeem(callSid, start.parameters().get(StreamTokens.PARAMETER))) {
            return "call " + callSid + " is not waiting for a stream with this token (missing, wrong or used already)";
        }
        if (registry.find(callSid).filter(CallRecord::active).isEmpty()) {
            return "call " + callSid + " is not active";
        }
        CallSession holder = byCall.putIfAbsent(callSid, session);
        if (holder != null) {
            return "call " + callSid + " already has a stream (" + holder.id() + ")";
        }
        return null;
    }

    /** The session that holds a call, if any. */
    public Optional<CallSession> holder(String callSid) {
        return callSid == null ? Optional.empty() : Optional.ofNullable(byCall.get(callSid));
    }

    /** The session has ended: its call is free (and, being ended, will not take another stream). */
    public void release(CallSession session) {
        String callSid = session.callSid();
        if (callSid != null) {
            byCall.remove(callSid, session);
        }
    }
}
