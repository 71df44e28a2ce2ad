package io.parley.call;

import java.util.Locale;

/** Who placed the call, as Twilio's {@code Direction} parameter says it ({@code inbound}, {@code outbound-api}, …). */
public enum Direction {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The value used in the API and as the {@code direction} tag of metrics. */
    public String label() {
        return label;
    }

    public static Direction fromTwilio(String direction) {
        return direction != null && direction.toLowerCase(Locale.ROOT).startsWith("outbound") ? OUTBOUND : INBOUND;
    }
}
