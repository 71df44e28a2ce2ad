package io.parley.call;

import io.parley.media.MixingRoom;
import io.parley.media.OutboundAudio;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** What an {@link Agent} may do with its call. */
public interface CallControl {

    String callSid();

    String streamSid();

    /** The TwiML {@code <Parameter>}s: From, To, CallSid, Direction, and what else the webhook passed. */
    Map<String, String> parameters();

    /** Audio for the caller, paced, with marks and clear. */
    OutboundAudio audio();

    /** Runs a task on this call's executor, inside its call context: where results of async work come back. */
    Executor executor();

    /** Moves the conversation to LISTENING, THINKING or SPEAKING; other moves are refused and logged. */
    void moveTo(CallState state);

    CallState state();

    /**
     * When the frame being {@link Agent#hear heard} arrived ({@link System#nanoTime()}): the call's executor may
     * run behind the socket, so latency is measured from arrival, not from when the agent got to the frame.
     */
    long frameArrivedNanos();

    /**
     * What to tell the caller before anything else when the call is recorded ({@code parley.recording.notice});
     * empty when it is not recorded or there is nothing to say.
     */
    default Optional<String> recordingNotice() {
        return Optional.empty();
    }

    /**
     * Puts the caller into {@code room}: from the next frame they hear its mix, and it hears them. What was queued
     * for the caller is cleared first, so the room is heard at once. The agent still hears the caller (to
     * transcribe them) but must not play until {@link #leaveRoom()}. A caller in another room leaves it.
     */
    void joinRoom(MixingRoom room);

    /** Takes the caller out of their room (if any): the agent may play again. */
    void leaveRoom();

    /** The room the caller is in, if any. */
    Optional<MixingRoom> room();

    /** Ends the call's media stream (Twilio then hangs up, as nothing follows the stream in the TwiML). */
    void hangUp(String reason);
}
