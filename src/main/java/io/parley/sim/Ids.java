package io.parley.sim;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio-shaped identifiers: a two-letter prefix and 32 hex digits. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String hex32() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
