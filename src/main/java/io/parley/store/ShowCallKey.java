package io.parley.store;

import java.io.Serializable;
import java.util.Objects;

/** The key of a row of {@code show_calls}. A class: see {@link TurnKey}. */
public class ShowCallKey implements Serializable {

    private static final long serialVersionUID = 1L;

    long showId;
    String callSid;

    public ShowCallKey() {
        // for Jakarta Persistence
    }

    ShowCallKey(long showId, String callSid) {
        this.showId = showId;
        this.callSid = callSid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShowCallKey key && showId == key.showId && Objects.equals(callSid, key.callSid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(showId, callSid);
    }
}
