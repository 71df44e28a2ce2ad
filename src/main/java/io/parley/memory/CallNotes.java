package io.parley.memory;

import java.util.Optional;

/** What Parley keeps of a call for next time: a short summary, and the caller's name if they gave it. */
record CallNotes(String summary, Optional<String> name) {

    static final int MAX_SUMMARY = 1000;

    CallNotes {
        summary = summary.strip();
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1).strip() + "…";
        }
    }
}
