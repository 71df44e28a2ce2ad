package io.parley.studio;

import java.util.HashMap;
import java.util.Map;

/**
 * A show's chapter titles, each one distinct so that a listener can tell them apart in a player's chapter list: a
 * title the show has used before is numbered ("Kate: music (2)" when Kate comes back on air, "Dot (AI caller):
 * following up on Kate (2)" for a second follow-up). Not thread-safe.
 */
final class ChapterTitles {

    private final Map<String, Integer> used = new HashMap<>();

    /** The title for a new chapter called {@code title}. */
    String next(String title) {
        int times = used.merge(title, 1, Integer::sum);
        return times == 1 ? title : title + " (" + times + ")";
    }
}
