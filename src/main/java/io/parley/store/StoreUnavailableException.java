package io.parley.store;

/** A read the database could not answer now (it is away, or its schema not ready yet). */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
