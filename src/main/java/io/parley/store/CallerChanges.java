package io.parley.store;

import java.util.Optional;

/**
 * What a PATCH (or a POST) sets: each present field replaces the stored one; an empty name or notes clears it.
 */
public record CallerChanges(Optional<String> name, Optional<String> notes, Optional<Boolean> blocked) {

    public static final int MAX_NAME = 100;
    public static final int MAX_NOTES = 4000;

    public CallerChanges {
        name.ifPresent(n -> require(n.length() <= MAX_NAME, "name is over " + MAX_NAME + " characters"));
        notes.ifPresent(n -> require(n.length() <= MAX_NOTES, "notes are over " + MAX_NOTES + " characters"));
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException(why);
        }
    }

    void applyTo(CallerEntity caller) {
        name.ifPresent(n -> caller.rename(n.isBlank() ? null : n.strip()));
        notes.ifPresent(n -> caller.annotate(n.isBlank() ? null : n.strip()));
        blocked.ifPresent(caller::block);
    }
}
