package io.parley.models.remote;

import java.util.concurrent.TimeoutException;

/** A model server took too long to start its response, or went quiet in the middle of it. */
public class StreamStalledException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public StreamStalledException(String message) {
        super(message);
    }
}
