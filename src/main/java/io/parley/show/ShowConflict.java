package io.parley.show;

/** An operation that does not fit where the caller is (taking a caller already on air, one who hung up): 409. */
public class ShowConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShowConflict(String message) {
        super(message);
    }
}
