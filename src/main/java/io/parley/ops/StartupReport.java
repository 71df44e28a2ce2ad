package io.parley.ops;

import io.parley.api.ApiAccessFilter;
import io.parley.call.CallJanitor;
import io.parley.call.MediaSettings;
import io.parley.telephony.OutboundPolicy;
import io.parley.telephony.PhoneNumbers;
import io.parley.telephony.PublicUrls;
import io.parley.telephony.TwilioSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Says at start-up, once, how the server is configured and what that leaves open. */
@ApplicationScoped
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

    @Inject
    TwilioSettings twilio;

    @Inject
    PublicUrls publicUrls;

    @Inject
    OutboundPolicy outbound;

    @Inject
    MediaSettings media;

    @Inject
    CallJanitor janitor;

    @Inject
    @ConfigProperty(name = ApiAccessFilter.API_KEY)
    Optional<String> apiKey;

    void report(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (twilio.signatureChecksEnabled()) {
            LOG.info("Twilio signature checks are on for /twilio/* and the media stream");
        } else {
            LOG.warning("Development mode: " + TwilioSettings.describe(TwilioSettings.AUTH_TOKEN)
                    + " is not set, so Twilio signatures are NOT checked and anyone can post to /twilio/*; "
                    + "set it before the server is reachable from the internet");
        }
        twilio.phoneNumbers().stream().filter(n -> !PhoneNumbers.isE164(n)).forEach(n -> LOG.warning(
                TwilioSettings.describe(TwilioSettings.PHONE_NUMBER) + " lists '" + n + "', which is not an E.164 number"));
        var missing = twilio.missingForRestApi();
        if (!missing.isEmpty()) {
            LOG.info("Outbound calls are disabled until " + String.join(" and ", missing) + " are set");
        } else if (publicUrls.configured().isEmpty()) {
            LOG.warning("Outbound calls are disabled until " + TwilioSettings.describe(PublicUrls.PUBLIC_URL)
                    + " is set: a placed call's stream URL is never taken from request headers");
        } else {
            LOG.info("Outbound calls may go to " + (outbound.allowed().isEmpty() ? "no number"
                    : String.join(", ", outbound.allowed()) + "…") + " (" + OutboundPolicy.ALLOW + "), except "
                    + (outbound.denied().isEmpty() ? "nothing" : outbound.denied().size() + " high-cost prefixes")
                    + " (" + OutboundPolicy.DENY + "); at most " + outbound.maxPerMinute() + " a minute");
        }
        LOG.info(publicUrls.configured()
                .map(url -> "Twilio reaches this server at " + url.http("") + " (parley.public-url)")
                .orElse("parley.public-url is not set: the public URL of Twilio's webhooks is derived from each "
                        + "request's X-Forwarded-Proto/X-Forwarded-Host or Host headers"));
        if (apiKey.map(String::isBlank).orElse(true)) {
            LOG.warning(TwilioSettings.describe(ApiAccessFilter.API_KEY)
                    + " is not set: /api/* serves only clients on this machine (no proxies or tunnels)");
        }
        LOG.info("Media streams: at most " + media.maxSessions() + " at once (" + MediaSettings.MAX_SESSIONS
                + "); a stream must start within " + media.startTimeout().toMillis() + " ms, a call's stream within "
                + janitor.streamTimeout().toSeconds() + " s (" + CallJanitor.STREAM_TIMEOUT + ")");
    }
}
