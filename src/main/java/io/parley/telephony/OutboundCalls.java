package io.parley.telephony;

import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.call.CallStatus;
import io.parley.call.Direction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places calls through Twilio's REST API. The call's TwiML is inline, the same {@code <Connect><Stream>}
 * an inbound call gets, and Twilio reports every step of the call to {@code /twilio/status}.
 */
@ApplicationScoped
public class OutboundCalls {

    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    @Inject
    TwilioRestApi api;

    @Inject
    TwilioSettings settings;

    @Inject
    CallRegistry registry;

    /**
     * @param publicUrl where Twilio reaches this server, for the stream and the status callbacks
     * @throws TwilioNotConfiguredException  when the account, token or caller ID is missing
     * @throws com.twilio.exception.ApiException when Twilio refuses the call
     */
    public CallRecord place(String to, Optional<String> from, Optional<String> greeting, PublicUrl publicUrl) {
        var client = api.client();
        String callerId = from.or(settings::phoneNumber).orElseThrow(() -> new TwilioNotConfiguredException(
                List.of(TwilioSettings.describe(TwilioSettings.PHONE_NUMBER) + " (or a \"from\" number in the request)")));

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("From", callerId);
        parameters.put("To", to);
        parameters.put("Direction", "outbound-api");
        greeting.ifPresent(g -> parameters.put("Greeting", g));
        String twiml = StreamTwiml.connect(publicUrl.webSocket(StreamTwiml.MEDIA_PATH), parameters);

        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(callerId), new Twiml(twiml))
                .setStatusCallback(URI.create(publicUrl.http("/twilio/status")))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(STATUS_EVENTS)
                .create(client);
        CallStatus status = Optional.ofNullable(call.getStatus())
                .flatMap(s -> CallStatus.fromTwilio(s.toString()))
                .orElse(CallStatus.QUEUED);
        return registry.report(call.getSid(), Direction.OUTBOUND, callerId, to, status, Optional.empty());
    }
}
