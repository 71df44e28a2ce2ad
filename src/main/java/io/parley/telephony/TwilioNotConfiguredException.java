package io.parley.telephony;

import java.util.List;

/** Something needs Twilio's REST API but the settings it requires are not there. */
public class TwilioNotConfiguredException extends RuntimeException {

    private final List<String> missing;

    public TwilioNotConfiguredException(List<String> missing) {
        super("Twilio is not configured: set " + String.join(" and ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
