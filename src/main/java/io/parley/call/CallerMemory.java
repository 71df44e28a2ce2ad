package io.parley.call;

import java.util.List;
import java.util.Optional;

/**
 * What Parley remembers of a caller when their call comes in: their name, if known, and the summaries of their
 * last calls, newest first.
 */
public record CallerMemory(Optional<String> name, List<String> summaries) {

    public static final CallerMemory NONE = new CallerMemory(Optional.empty(), List.of());

    public CallerMemory {
        summaries = List.copyOf(summaries);
    }

    public boolean knowsSomething() {
        return name.isPresent() || !summaries.isEmpty();
    }

    /** The lines the system prompt gains for a returning caller; empty for one Parley knows nothing of. */
    public String forPrompt() {
        if (!knowsSomething()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n\nThis caller has called before.");
        name.ifPresent(n -> out.append(" Their name is ").append(n).append('.'));
        if (!summaries.isEmpty()) {
            out.append(" Notes from their last calls, newest first:");
            summaries.forEach(s -> out.append("\n- ").append(s));
        }
        return out.toString();
    }
}
