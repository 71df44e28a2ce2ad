package io.parley.models.remote;

/** A model server answered with an error, or with something that is not what the API promises. */
public class ModelServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelServerException(String message) {
        super(message);
    }

    public ModelServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
