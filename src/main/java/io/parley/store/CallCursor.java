package io.parley.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of calls ended: the last call's creation time and SID (the tie-break). Opaque to clients, as
 * the {@code cursor} of the next page's link.
 */
public record CallCursor(Instant createdAt, String callSid) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "," + callSid).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; empty when it is not one Parley made. */
    public static Optional<CallCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int comma = plain.indexOf(',');
            if (comma < 0) {
                return Optional.empty();
            }
            String sid = plain.substring(comma + 1);
            if (!io.parley.call.Sids.isCallSid(sid)) {
                return Optional.empty();
            }
            return Optional.of(new CallCursor(Instant.parse(plain.substring(0, comma)), sid));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
