package io.parley.show;

import java.util.Arrays;
import java.util.Optional;

/** Where a caller on the show line is. */
public enum QueueStatus {
    /** The screener is asking their name and topic. */
    SCREENING("screening"),
    /** Screened, on hold, in line for the host. */
    WAITING("waiting"),
    /** In the studio. */
    ON_AIR("on-air"),
    /** Leaving a message. */
    VOICEMAIL("voicemail");

    private final String label;

    QueueStatus(String label) {
        this.label = label;
    }

    /** As the API and the database spell it. */
    public String label() {
        return label;
    }

    public static Optional<QueueStatus> of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** Whether the caller holds a place in line (and counts against the queue's size). */
    public boolean inLine() {
        return this == SCREENING || this == WAITING;
    }
}
