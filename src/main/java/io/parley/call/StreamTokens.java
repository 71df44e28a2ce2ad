package io.parley.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds each media stream to a call Parley answered or placed. The media-stream handshake is signed over the
 * URL alone, the same for every call, so a captured handshake could be replayed to open a stream naming any
 * call. Instead, the TwiML that connects a call carries a random token as a {@code <Parameter>}; Twilio hands it
 * back in the stream's {@code start.customParameters}, and a start is accepted only with the token issued for
 * its call, once. Tokens live as long as their call waits for its stream.
 */
@ApplicationScoped
public class StreamTokens {

    /** The TwiML parameter (and {@code start.customParameters} key) that carries the token. */
    public static final String PARAMETER = "StreamToken";

    private static final int TOKEN_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, String> waiting = new ConcurrentHashMap<>();

    /** A new token: 128 random bits, URL-safe. */
    public String issue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stream of {@code callSid} is to present {@code token} (a later call to this replaces an earlier one). */
    public void expect(String callSid, String token) {
        waiting.put(callSid, token);
    }

    /**
     * Whether {@code token} is the one issued for {@code callSid}; a match uses it up, so a second stream with
     * the same start is refused. A wrong token leaves the right one in place (a forger cannot spoil a real call).
     */
    public boolean redeem(String callSid, String token) {
        if (callSid == null || token == null) {
            return false;
        }
        String expected = waiting.get(callSid);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return waiting.remove(callSid, expected);
    }

    /** Tokens still waiting for their stream (a leak shows here). */
    public int waiting() {
        return waiting.size();
    }

    void forget(@Observes CallEvent.Ended ended) {
        waiting.remove(ended.call().callSid());
    }
}
