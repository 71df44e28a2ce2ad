package io.parley.studio;

import java.time.Instant;

/**
 * A caller's time on air, once it is over: who they were, what they came to talk about, when, and what was said
 * (the segment's summary). What the personas are told of earlier in the show, and what a follow-up refers to.
 *
 * @param key the caller's speaker key (their call's SID)
 * @param topic what they came to talk about; may be blank
 */
public record Segment(String key, String caller, String topic, Instant onAir, Instant offAir, String summary) {

    /** "Kate, on music" or "Kate". */
    public String who() {
        return caller + (topic == null || topic.isBlank() ? "" : ", on " + topic);
    }
}
