package io.parley.call;

import java.util.regex.Pattern;

/**
 * Twilio's resource identifiers as Parley accepts them: two letters naming the kind and 32 lower- or upper-case
 * hex digits. Every SID that comes from outside (a webhook, a media stream, the API's path) is checked here
 * before it is stored, logged or put into a URL, so that a value such as {@code ../Accounts} never travels.
 */
public final class Sids {

    private static final Pattern CALL = Pattern.compile("CA[0-9a-fA-F]{32}");
    private static final Pattern STREAM = Pattern.compile("MZ[0-9a-fA-F]{32}");
    private static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-fA-F]{32}");

    private Sids() {
    }

    public static boolean isCallSid(String value) {
        return value != null && value.length() == 34 && CALL.matcher(value).matches();
    }

    public static boolean isStreamSid(String value) {
        return value != null && value.length() == 34 && STREAM.matcher(value).matches();
    }

    public static boolean isAccountSid(String value) {
        return value != null && value.length() == 34 && ACCOUNT.matcher(value).matches();
    }
}
