package io.parley.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether the caller is taking their leave, after which the agent answers and then hangs up. */
public final class Farewell {

    private static final Pattern FAREWELL = Pattern.compile(
            "\\b(good ?bye|bye( bye)?|that's all|that is all|hang up|talk to you later|see you)\\b[^a-z]*$");

    private Farewell() {
    }

    /** True when the caller's turn ends in a goodbye ("OK, thanks, bye."), not when it merely mentions one. */
    public static boolean isFarewell(String callerText) {
        String text = callerText.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").replaceAll("\\s+", " ").strip();
        return FAREWELL.matcher(text).find();
    }
}
