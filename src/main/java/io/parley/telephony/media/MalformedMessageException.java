package io.parley.telephony.media;

/** A media-stream message that cannot be understood; the message says what is wrong with it. */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
