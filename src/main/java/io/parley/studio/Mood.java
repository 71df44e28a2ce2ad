package io.parley.studio;

import java.util.Locale;
import java.util.Optional;

/** How a person sounds in a turn: what the console shows, and what a persona is told so that it fits its tone. */
public enum Mood {
    CALM, EXCITED, HAPPY, JOKING, CURIOUS, UPSET, SAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mood> of(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (Mood m : values()) {
            if (m.label().equals(wanted)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The labels, for a model's prompt: "calm, excited, …". */
    public static String choices() {
        StringBuilder out = new StringBuilder();
        for (Mood m : values()) {
            out.append(out.length() == 0 ? "" : ", ").append(m.label());
        }
        return out.toString();
    }
}
