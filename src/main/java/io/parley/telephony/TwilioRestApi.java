package io.parley.telephony;

import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/** The twilio-java REST client for the configured account, built once on first use. */
@ApplicationScoped
public class TwilioRestApi {

    private static final Logger LOG = Logger.getLogger(TwilioRestApi.class.getName());

    @Inject
    TwilioSettings settings;

    private volatile TwilioRestClient client;

    /**
     * @throws TwilioNotConfiguredException when the account SID or auth token is missing
     */
    public TwilioRestClient client() {
        List<String> missing = settings.missingForRestApi();
        if (!missing.isEmpty()) {
            throw new TwilioNotConfiguredException(missing);
        }
        TwilioRestClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = client = build();
                }
            }
        }
        return current;
    }

    private TwilioRestClient build() {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(settings.accountSid().orElseThrow(),
                settings.authToken().orElseThrow());
        settings.apiBaseUrl().ifPresent(base -> {
            LOG.info(() -> "Twilio REST API requests go to " + base + " (" + TwilioSettings.API_BASE_URL + ")");
            builder.httpClient(new RebasingHttpClient(base));
        });
        return builder.build();
    }
}
