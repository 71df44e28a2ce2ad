package io.parley.store;

import java.io.Serializable;
import java.util.Objects;

/**
 * The key of a row of {@code turns}: the call, and the turn's place in it (0 is the greeting). A class, not a
 * record: Jakarta Persistence sets the fields of an id class one by one.
 */
public class TurnKey implements Serializable {

    private static final long serialVersionUID = 1L;

    String callSid;
    int seq;

    public TurnKey() {
        // for Jakarta Persistence
    }

    TurnKey(String callSid, int seq) {
        this.callSid = callSid;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TurnKey key && seq == key.seq && Objects.equals(callSid, key.callSid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callSid, seq);
    }
}
