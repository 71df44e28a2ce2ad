package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.call.CallSession;
import io.parley.call.CallSessions;
import io.parley.telephony.OutboundCalls;
import io.parley.telephony.PhoneNumbers;
import io.parley.telephony.PublicUrls;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** {@code /api/calls}: the calls Parley knows of, and placing new ones. Guarded by {@link ApiAccessFilter}. */
@Path("api/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    private static final Logger LOG = Logger.getLogger(CallsResource.class.getName());

    @Inject
    CallRegistry registry;

    @Inject
    CallSessions sessions;

    @Inject
    OutboundCalls outboundCalls;

    @Inject
    PublicUrls publicUrls;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @GET
    public List<CallView> list() {
        return registry.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{callSid}")
    public Response get(@PathParam("callSid") String callSid) {
        return registry.find(callSid)
                .map(call -> Response.ok(view(call)).build())
                .orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "No call " + callSid).toResponse());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(PlaceCallRequest body) {
        if (body == null || body.to() == null || body.to().isBlank()) {
            return badRequest("\"to\" is required: the number to call in E.164 form, e.g. +15551234567");
        }
        if (!PhoneNumbers.isE164(body.to())) {
            return badRequest("\"to\" must be an E.164 number such as +15551234567, not '" + body.to() + "'");
        }
        Optional<String> from = Optional.ofNullable(body.from()).filter(f -> !f.isBlank());
        if (from.isPresent() && !PhoneNumbers.isE164(from.get())) {
            return badRequest("\"from\" must be an E.164 number such as +15551234567, not '" + from.get() + "'");
        }
        Optional<String> greeting = Optional.ofNullable(body.greeting()).filter(g -> !g.isBlank());
        var call = outboundCalls.place(body.to(), from, greeting, publicUrls.forRequest(request));
        LOG.info(() -> "Call " + call.callSid() + " placed to " + call.to() + " from " + call.from());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(call.callSid()).build())
                .entity(PlacedCall.of(call)).build();
    }

    private CallView view(CallRecord call) {
        return CallView.of(call, sessions.find(call.callSid()).map(CallSession::stats).orElse(null));
    }

    private static Response badRequest(String message) {
        return ApiError.of(Response.Status.BAD_REQUEST, message).toResponse();
    }
}
