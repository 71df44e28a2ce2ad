package io.parley.studio;

import java.time.Instant;

/** What the studio tells the rest of the server (the console's events), as CDI events. */
public sealed interface StudioEvent {

    /**
     * A line of the live transcript: partial while a person speaks, final once the turn is over ({@code seq} is
     * then the turn's number; 0 for a partial line).
     */
    record Transcript(Speaker speaker, String text, boolean isFinal, boolean interrupted, Instant at, long seq)
            implements StudioEvent {
    }

    /** A person's turn has its mood. */
    record MoodRead(Speaker speaker, long seq, Mood mood) implements StudioEvent {
    }

    /** A caller's time on air is over, and summarised. */
    record Summarised(Segment segment) implements StudioEvent {
    }

    /** Who is in the studio, or which AI voice is speaking, changed. */
    record Changed(String what) implements StudioEvent {
    }
}
