package io.parley.studio;

/**
 * Who said a turn in the studio: the host, a caller on air (by their name), or an AI persona. {@code key} tells
 * apart two speakers with one label: "host", the caller's call SID, "persona-" and the persona's id.
 */
public record Speaker(String label, Kind kind, String key) {

    /** What kind of party spoke. */
    public enum Kind {
        HOST, CALLER, PERSONA;

        /** The kind as the API and the console spell it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Speaker HOST = new Speaker("Host", Kind.HOST, "host");

    public static Speaker caller(String name, String callSid) {
        return new Speaker(name == null || name.isBlank() ? "Caller" : name, Kind.CALLER, callSid);
    }

    public static Speaker persona(String name, long id) {
        return new Speaker(name, Kind.PERSONA, "persona-" + id);
    }

    public boolean human() {
        return kind != Kind.PERSONA;
    }
}
