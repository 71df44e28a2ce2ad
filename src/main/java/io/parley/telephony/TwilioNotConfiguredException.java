package io.parley.telephony;

import java.util.List;

/** Something needs settings that are not there (Twilio's account, the caller ID, the public URL). */
public class TwilioNotConfiguredException extends RuntimeException {

    private final List<String> missing;

    public TwilioNotConfiguredException(List<String> missing) {
        super("Not configured: set " + String.join(" and ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
