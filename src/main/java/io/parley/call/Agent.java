package io.parley.call;

import io.parley.audio.Pcm16;

/**
 * Who talks to the caller. One instance per call (agents are {@code @CallScoped} beans), and every method runs
 * on that call's executor, one at a time, so an agent needs no locks. Methods must not block: long work
 * (a model call) runs elsewhere and comes back through {@link CallControl#executor()}.
 */
public interface Agent {

    /** The stream has started: the caller is on the line. */
    void start(CallControl call);

    /** Caller audio as it arrives, usually 20 ms; 8 kHz. */
    void hear(Pcm16 audio);

    /** The caller pressed a key. */
    default void dtmf(String digit) {
    }

    /** Twilio confirmed that the caller has heard everything up to this mark. */
    default void heard(String mark) {
    }

    /** The call is over (hang-up, error or server shutdown); release what the agent holds. */
    default void end() {
    }
}
