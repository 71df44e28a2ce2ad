package io.parley.telephony;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Twilio account Parley works with. Every value is optional: without an auth token the server runs in
 * development mode (no signature checks), without an account SID it cannot place calls.
 */
@ApplicationScoped
public class TwilioSettings {

    public static final String ACCOUNT_SID = "twilio.account-sid";
    public static final String AUTH_TOKEN = "twilio.auth-token";
    public static final String PHONE_NUMBER = "twilio.phone-number";
    public static final String API_BASE_URL = "twilio.api-base-url";

    private Optional<String> accountSid;
    private Optional<String> authToken;
    private List<String> phoneNumbers;
    private Optional<String> apiBaseUrl;

    protected TwilioSettings() {
        // for the CDI proxy
    }

    @Inject
    public TwilioSettings(@ConfigProperty(name = ACCOUNT_SID) Optional<String> accountSid,
                          @ConfigProperty(name = AUTH_TOKEN) Optional<String> authToken,
                          @ConfigProperty(name = PHONE_NUMBER) Optional<String> phoneNumber,
                          @ConfigProperty(name = API_BASE_URL) Optional<String> apiBaseUrl) {
        this.accountSid = trimmed(accountSid);
        this.authToken = trimmed(authToken);
        this.phoneNumbers = trimmed(phoneNumber).map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(n -> !n.isEmpty()).toList()).orElse(List.of());
        this.apiBaseUrl = trimmed(apiBaseUrl);
    }

    public static TwilioSettings of(String accountSid, String authToken, String phoneNumber, String apiBaseUrl) {
        return new TwilioSettings(Optional.ofNullable(accountSid), Optional.ofNullable(authToken),
                Optional.ofNullable(phoneNumber), Optional.ofNullable(apiBaseUrl));
    }

    public Optional<String> accountSid() {
        return accountSid;
    }

    public Optional<String> authToken() {
        return authToken;
    }

    /** The caller ID of outbound calls: the first of the account's numbers. */
    public Optional<String> phoneNumber() {
        return phoneNumbers.stream().findFirst();
    }

    /**
     * The account's numbers, as {@code twilio.phone-number} lists them (comma-separated): the only numbers an
     * outbound call may come from.
     */
    public List<String> phoneNumbers() {
        return phoneNumbers;
    }

    /** Where Twilio's REST API is reached; empty means Twilio itself. Set it to use a Twilio-compatible mock. */
    public Optional<String> apiBaseUrl() {
        return apiBaseUrl;
    }

    public boolean signatureChecksEnabled() {
        return authToken.isPresent();
    }

    /** The settings the REST API needs that are not set, as "key (ENV_VAR)" strings; empty when calls can be placed. */
    public List<String> missingForRestApi() {
        List<String> missing = new ArrayList<>();
        if (accountSid.isEmpty()) {
            missing.add(describe(ACCOUNT_SID));
        }
        if (authToken.isEmpty()) {
            missing.add(describe(AUTH_TOKEN));
        }
        return missing;
    }

    /** A setting's key with the environment variable MicroProfile Config maps it from. */
    public static String describe(String key) {
        return key + " (" + key.toUpperCase().replaceAll("[^A-Z0-9]", "_") + ")";
    }

    private static Optional<String> trimmed(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
