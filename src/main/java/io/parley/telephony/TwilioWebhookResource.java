package io.parley.telephony;

import io.parley.call.AgentFactory;
import io.parley.call.CallRegistry;
import io.parley.call.CallStatus;
import io.parley.call.CallerMemories;
import io.parley.call.Direction;
import io.parley.call.Sids;
import io.parley.call.StreamTokens;
import io.parley.http.RequestRefusedException;
import io.parley.logging.LogSafe;
import io.parley.store.Store;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * Twilio's webhooks. Requests reach these methods only after {@link TwilioSignatureFilter} has checked them.
 * Every value is checked before it is kept: the call SID's form, the parties' length.
 */
@Path("twilio")
public class TwilioWebhookResource {

    /** Longer "From" or "To" values are refused: numbers, {@code client:} names and SIP addresses are shorter. */
    static final int MAX_PARTY_CHARS = 256;

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class.getName());

    @Inject
    CallRegistry registry;

    @Inject
    PublicUrls publicUrls;

    @Inject
    AgentFactory agents;

    @Inject
    StreamTokens tokens;

    @Inject
    Store store;

    @Inject
    CallerMemories memories;

    /** Numbers whose calls are the call-in show's line (README, "Run a call-in show"). */
    @Inject
    @ConfigProperty(name = "parley.show.numbers")
    Optional<String> showNumbers;

    @Context
    HttpServletRequest request;

    /**
     * A call to one of our numbers: register it and connect it to the media stream. The TwiML carries the call's
     * stream token, which binds the stream Twilio opens to this call.
     */
    @POST
    @Path("voice")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Timed(name = "parley.webhook.latency", absolute = true, tags = "webhook=voice",
            description = "Time to answer a Twilio webhook")
    public String voice(@FormParam("CallSid") String callSid, @FormParam("From") String from,
                        @FormParam("To") String to, @FormParam("Direction") String direction,
                        @QueryParam("agent") String agent, @QueryParam("line") String line) {
        requireCallSid(callSid);
        requireParty("From", from);
        requireParty("To", to);
        Store.Admission admission = store.admit(from);
        if (admission.refusal().isPresent()) {
            String why = admission.refusal().get();
            registry.rejected(callSid, Direction.fromTwilio(direction), from, to, why);
            LOG.info(() -> "Call " + callSid + " from " + LogSafe.text(from) + " rejected: " + why);
            return StreamTwiml.reject();
        }
        memories.remember(callSid, admission.memory());
        String token = tokens.issue();
        registry.report(callSid, Direction.fromTwilio(direction), from, to, CallStatus.RINGING, Optional.empty());
        tokens.expect(callSid, token);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("From", from);
        parameters.put("To", to);
        parameters.put("CallSid", callSid);
        parameters.put("Direction", direction == null ? Direction.INBOUND.label() : direction);
        if (showLine(line, to)) {
            parameters.put(AgentFactory.AGENT_PARAMETER, AgentFactory.SHOW_LINE);
        } else if (agent != null && !agent.isBlank()) {
            if (agents.exists(agent.strip())) {
                parameters.put(AgentFactory.AGENT_PARAMETER, agent.strip());
            } else {
                LOG.warning(() -> "Call " + callSid + ": the webhook asks for agent " + LogSafe.quoted(agent)
                        + ", which does not exist (known: " + agents.known() + "); the configured agent answers");
            }
        }
        parameters.put(StreamTokens.PARAMETER, token);
        String streamUrl = publicUrls.forRequest(request).webSocket(StreamTwiml.MEDIA_PATH);
        return StreamTwiml.connect(streamUrl, parameters);
    }

    /** Whether the call is for the show: {@code ?line=show}, or a number in {@code parley.show.numbers}. */
    private boolean showLine(String line, String to) {
        if (line != null && !line.isBlank()) {
            if ("show".equals(line.strip())) {
                return true;
            }
            throw new RequestRefusedException(400, "line " + LogSafe.quoted(line) + " is not a line Parley answers"
                    + " (the one line is \"show\")");
        }
        return to != null && showNumbers.map(list -> java.util.Arrays.stream(list.split(","))
                .anyMatch(n -> n.strip().equals(to.strip()))).orElse(false);
    }

    /** A call status callback: the status only ever moves forward, whatever order the callbacks arrive in. */
    @POST
    @Path("status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Timed(name = "parley.webhook.latency", absolute = true, tags = "webhook=status",
            description = "Time to answer a Twilio webhook")
    public void status(@FormParam("CallSid") String callSid, @FormParam("CallStatus") String callStatus,
                       @FormParam("CallDuration") String callDuration, @FormParam("Direction") String direction,
                       @FormParam("From") String from, @FormParam("To") String to) {
        requireCallSid(callSid);
        requireParty("From", from);
        requireParty("To", to);
        CallStatus status = CallStatus.fromTwilio(callStatus)
                .orElseThrow(() -> new RequestRefusedException(400, "CallStatus " + LogSafe.quoted(callStatus)
                        + " is not one of Twilio's call statuses"));
        registry.report(callSid, Direction.fromTwilio(direction), from, to, status, parseDuration(callDuration));
    }

    private static void requireCallSid(String callSid) {
        if (callSid == null || callSid.isBlank()) {
            throw new RequestRefusedException(400, "CallSid is missing");
        }
        if (!Sids.isCallSid(callSid)) {
            throw new RequestRefusedException(400, "CallSid is not a Twilio call SID (CA and 32 hex digits)");
        }
    }

    private static void requireParty(String field, String value) {
        if (value != null && value.length() > MAX_PARTY_CHARS) {
            throw new RequestRefusedException(400, field + " is over " + MAX_PARTY_CHARS + " characters");
        }
    }

    private static Optional<Long> parseDuration(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            throw new RequestRefusedException(400, "CallDuration " + LogSafe.quoted(seconds) + " is not a number of seconds");
        }
    }
}
