package io.parley.ops;

import io.parley.call.CallRegistry;
import io.parley.telephony.PublicUrls;
import io.parley.telephony.TwilioSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to take calls from Twilio: the account settings are consistent. An account SID without its auth token
 * means someone meant to configure Twilio and did not finish, so the server is not ready; no settings at all
 * is the development mode, which is ready (and says that signature checks are off).
 */
@Readiness
@ApplicationScoped
public class TwilioReadinessCheck implements HealthCheck {

    @Inject
    TwilioSettings settings;

    @Inject
    PublicUrls publicUrls;

    @Inject
    CallRegistry calls;

    @Override
    public HealthCheckResponse call() {
        boolean incomplete = settings.accountSid().isPresent() && settings.authToken().isEmpty();
        var missingForCalls = settings.missingForRestApi();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("twilio")
                .status(!incomplete)
                .withData("signatureChecks", settings.signatureChecksEnabled() ? "on" : "off (development mode)")
                .withData("outboundCalls", missingForCalls.isEmpty() ? "enabled"
                        : "disabled: set " + String.join(" and ", missingForCalls))
                .withData("publicUrl", publicUrls.configured().map(u -> u.http("")).orElse("derived from each request"))
                .withData("activeCalls", calls.activeCount());
        if (incomplete) {
            response.withData("problem", TwilioSettings.describe(TwilioSettings.ACCOUNT_SID) + " is set but "
                    + TwilioSettings.describe(TwilioSettings.AUTH_TOKEN) + " is not");
        }
        return response.build();
    }
}
