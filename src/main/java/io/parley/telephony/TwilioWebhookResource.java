package io.parley.telephony;

import io.parley.call.AgentFactory;
import io.parley.call.CallRegistry;
import io.parley.call.CallStatus;
import io.parley.call.Direction;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
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
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * Twilio's webhooks. Requests reach these methods only after {@link TwilioSignatureFilter} has checked them.
 */
@Path("twilio")
public class TwilioWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class.getName());

    @Inject
    CallRegistry registry;

    @Inject
    PublicUrls publicUrls;

    @Inject
    AgentFactory agents;

    @Context
    HttpServletRequest request;

    /** A call to one of our numbers: register it and connect it to the media stream. */
    @POST
    @Path("voice")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Timed(name = "parley.webhook.latency", absolute = true, tags = "webhook=voice",
            description = "Time to answer a Twilio webhook")
    public String voice(@FormParam("CallSid") String callSid, @FormParam("From") String from,
                        @FormParam("To") String to, @FormParam("Direction") String direction,
                        @QueryParam("agent") String agent) {
        requireCallSid(callSid);
        registry.report(callSid, Direction.fromTwilio(direction), from, to, CallStatus.RINGING, Optional.empty());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("From", from);
        parameters.put("To", to);
        parameters.put("CallSid", callSid);
        parameters.put("Direction", direction == null ? Direction.INBOUND.label() : direction);
        if (agent != null && !agent.isBlank()) {
            if (agents.exists(agent.strip())) {
                parameters.put(AgentFactory.AGENT_PARAMETER, agent.strip());
            } else {
                LOG.warning(() -> "Call " + callSid + ": the webhook asks for agent '" + agent + "', which does not exist"
                        + " (known: " + agents.known() + "); the configured agent answers");
            }
        }
        String streamUrl = publicUrls.forRequest(request).webSocket(StreamTwiml.MEDIA_PATH);
        return StreamTwiml.connect(streamUrl, parameters);
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
        CallStatus status = CallStatus.fromTwilio(callStatus)
                .orElseThrow(() -> new BadRequestException("Unknown CallStatus '" + callStatus + "'"));
        registry.report(callSid, Direction.fromTwilio(direction), from, to, status, parseDuration(callDuration));
    }

    private static void requireCallSid(String callSid) {
        if (callSid == null || callSid.isBlank()) {
            throw new BadRequestException("CallSid is missing");
        }
    }

    private static Optional<Long> parseDuration(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("CallDuration '" + seconds + "' is not a number of seconds");
        }
    }
}
