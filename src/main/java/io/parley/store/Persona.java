package io.parley.store;

import java.util.Locale;
import java.util.Optional;

/**
 * An AI voice of the show: its name (how the studio's transcript labels it), its role, the remote speech server's
 * voice and the embedded voice used without one, and the style prompt that makes it who it is.
 */
public record Persona(long id, String name, Role role, String voice, String embeddedVoice, String style) {

    public static final int MAX_NAME = 60;
    public static final int MAX_VOICE = 100;
    public static final int MAX_STYLE = 4000;

    /** What the persona is in the show. */
    public enum Role {
        /** Talks with the host and the callers, from the studio. */
        CO_HOST("co-host"),
        /** "Phones in" with a story and opinions of its own. */
        CALLER("caller");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Role> of(String label) {
            String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            for (Role r : values()) {
                if (r.label.equals(wanted)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }
}
