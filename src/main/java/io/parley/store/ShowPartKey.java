package io.parley.store;

import java.io.Serializable;
import java.util.Objects;

/** The key of a show's turn or chapter: the show, and the part's place in it. A class: see {@link TurnKey}. */
public class ShowPartKey implements Serializable {

    private static final long serialVersionUID = 1L;

    long showId;
    long seq;

    public ShowPartKey() {
        // for Jakarta Persistence
    }

    ShowPartKey(long showId, long seq) {
        this.showId = showId;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShowPartKey key && showId == key.showId && seq == key.seq;
    }

    @Override
    public int hashCode() {
        return Objects.hash(showId, seq);
    }
}
