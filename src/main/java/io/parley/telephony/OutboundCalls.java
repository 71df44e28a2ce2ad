package io.parley.telephony;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.call.CallStatus;
import io.parley.call.Direction;
import io.parley.call.Sids;
import io.parley.call.StreamTokens;
import io.parley.logging.LogSafe;
import io.parley.http.RequestRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places calls through Twilio's REST API, within the {@link OutboundPolicy}. The call's TwiML is inline, the
 * same {@code <Connect><Stream>} an inbound call gets (with the call's stream token), and Twilio reports every
 * step of the call to {@code /twilio/status}. Every URL in it comes from {@code parley.public-url}: a call is
 * never placed with a host taken from request headers, which any API client can set.
 */
@ApplicationScoped
public class OutboundCalls {

    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    @Inject
    TwilioRestApi api;

    @Inject
    TwilioSettings settings;

    @Inject
    PublicUrls publicUrls;

    @Inject
    OutboundPolicy policy;

    @Inject
    CallRegistry registry;

    @Inject
    StreamTokens tokens;

    /**
     * @throws RequestRefusedException     when the request or the policy refuses the call (400, 403, 429)
     * @throws TwilioNotConfiguredException when a setting calls need is missing (the account, its number, the
     *                                      public URL)
     * @throws com.twilio.exception.ApiException when Twilio refuses the call
     */
    public CallRecord place(String to, Optional<String> from, Optional<String> greeting) {
        policy.checkRequest(to, from, greeting);
        List<String> missing = new ArrayList<>(settings.missingForRestApi());
        if (settings.phoneNumbers().isEmpty()) {
            missing.add(TwilioSettings.describe(TwilioSettings.PHONE_NUMBER));
        }
        if (publicUrls.configured().isEmpty()) {
            missing.add(TwilioSettings.describe(PublicUrls.PUBLIC_URL)
                    + " (the https URL Twilio reaches this server at; it is never taken from request headers)");
        }
        if (!missing.isEmpty()) {
            throw new TwilioNotConfiguredException(missing);
        }
        PublicUrl publicUrl = publicUrls.configured().get();
        String callerId = policy.callerId(to, from);
        policy.takeSlot();

        String token = tokens.issue();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("From", callerId);
        parameters.put("To", to);
        parameters.put("Direction", "outbound-api");
        greeting.ifPresent(g -> parameters.put("Greeting", g));
        parameters.put(StreamTokens.PARAMETER, token);
        String twiml = StreamTwiml.connect(publicUrl.webSocket(StreamTwiml.MEDIA_PATH), parameters);

        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(callerId), new Twiml(twiml))
                .setStatusCallback(URI.create(publicUrl.http("/twilio/status")))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(STATUS_EVENTS)
                .create(api.client());
        if (!Sids.isCallSid(call.getSid())) {
            throw new ApiException("Twilio answered with a call SID that is not one: " + LogSafe.quoted(call.getSid()));
        }
        CallStatus status = Optional.ofNullable(call.getStatus())
                .flatMap(s -> CallStatus.fromTwilio(s.toString()))
                .orElse(CallStatus.QUEUED);
        CallRecord record = registry.report(call.getSid(), Direction.OUTBOUND, callerId, to, status, Optional.empty());
        tokens.expect(call.getSid(), token);
        return record;
    }
}
