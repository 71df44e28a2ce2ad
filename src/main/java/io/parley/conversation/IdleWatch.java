package io.parley.conversation;

/**
 * Notices a caller who has gone quiet. After {@code checkInMillis} of silence (neither side speaking) the agent
 * checks in; if the silence then lasts {@code goodbyeMillis} more, the agent says goodbye and ends the call.
 * Anything the caller says or keys starts over.
 *
 * <p>Stream time (the caller's audio keeps coming in silence), no timers; one per call, on the call's executor.
 */
public final class IdleWatch {

    /** The pauses and what the agent says (README: {@code parley.idle.*}); 0 ms turns a step off. */
    public record Settings(int checkInMillis, int goodbyeMillis, String checkIn, String goodbye) {
        public static final String DEFAULT_CHECK_IN = "Are you still there?";
        public static final String DEFAULT_GOODBYE = "I haven't heard anything for a while, so I'll hang up now. Goodbye!";

        public static Settings defaults() {
            return new Settings(8000, 10000, DEFAULT_CHECK_IN, DEFAULT_GOODBYE);
        }
    }

    /** What the agent should say now. */
    public enum Prompt { NONE, CHECK_IN, GOODBYE }

    private final Settings settings;
    private long quietSince;
    private boolean checkedIn;
    private boolean over;

    public IdleWatch(Settings settings) {
        this.settings = settings;
    }

    /** The caller spoke or pressed a key at {@code nowMillis}. */
    public void callerActive(long nowMillis) {
        quietSince = nowMillis;
        checkedIn = false;
    }

    /** The agent stopped speaking (or was busy) until {@code nowMillis}: silence is counted from here. */
    public void agentActive(long nowMillis) {
        quietSince = nowMillis;
    }

    /** Stream time {@code nowMillis}, with neither side speaking nor a reply on its way. */
    public Prompt quiet(long nowMillis) {
        if (over) {
            return Prompt.NONE;
        }
        long silent = nowMillis - quietSince;
        if (!checkedIn) {
            if (settings.checkInMillis() > 0 && silent >= settings.checkInMillis()) {
                checkedIn = true;
                return Prompt.CHECK_IN;
            }
            return Prompt.NONE;
        }
        if (settings.goodbyeMillis() > 0 && silent >= settings.goodbyeMillis()) {
            over = true;
            return Prompt.GOODBYE;
        }
        return Prompt.NONE;
    }
}
