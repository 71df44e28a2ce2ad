package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.call.CallSession;
import io.parley.call.CallSessions;
import io.parley.call.Sids;
import io.parley.http.RequestRefusedException;
import io.parley.store.CallHistory;
import io.parley.store.CallQuery;
import io.parley.recording.Recordings;
import io.parley.store.Store;
import io.parley.store.StoreUnavailableException;
import io.parley.telephony.OutboundCalls;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
    Store store;

    @Inject
    Recordings recordings;

    @Inject
    CallDocuments documents;

    @Context
    UriInfo uriInfo;

    /**
     * The calls stored, newest first, without their turns: {@code from} (the other party's number), {@code since}
     * and {@code until} (ISO-8601 instants, of the call's creation), {@code status} (Twilio's name), {@code limit}
     * (1 to 500, default 50). When there may be more, a {@code Link: <…>; rel="next"} header carries the next
     * page's {@code cursor}. A call that is live shows as it stands now.
     */
    @GET
    public Response list(@QueryParam("from") String from, @QueryParam("since") String since,
                         @QueryParam("until") String until, @QueryParam("status") String status,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        CallQuery query = CallQueries.parse(from, since, until, status, cursor, limit);
        CallHistory.Page page = LiveCalls.merge(store.page(query), registry.all(), query);
        List<CallView> calls = page.calls().stream().map(call -> view(call, false)).toList();
        Response.ResponseBuilder response = Response.ok(calls);
        page.next().ifPresent(next -> response.link(
                uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", next.encode()).build(), "next"));
        return response.build();
    }

    /** One call with its turns: as it stands now when it is live, else as stored. */
    @GET
    @Path("{callSid}")
    public Response get(@PathParam("callSid") String callSid) {
        requireCallSid(callSid);
        Optional<CallRecord> live = registry.find(callSid);
        Optional<CallRecord> call = live.or(() -> store.find(callSid));
        if (call.isEmpty()) {
            return ApiError.of(Response.Status.NOT_FOUND, "No call " + callSid).toResponse();
        }
        CallView view = view(call.get(), true);
        Optional<CallHistory.Extras> extras;
        try {
            extras = store.extras(callSid);
        } catch (StoreUnavailableException e) {
            extras = Optional.empty(); // a live call shows without them while the database is away
            if (live.isEmpty()) {
                throw e;
            }
        }
        return Response.ok(extras.map(view::with).orElse(view)).build();
    }

    /**
     * The call's transcript: {@code ?format=} text, markdown, json, vtt or srt, or else the first of those the
     * {@code Accept} header takes (plain text for anything).
     */
    @GET
    @Path("{callSid}/transcript")
    @Produces({"text/plain", "text/markdown", MediaType.APPLICATION_JSON, "text/vtt", "application/x-subrip"})
    public Response transcript(@PathParam("callSid") String callSid, @QueryParam("format") String format,
                               @Context HttpHeaders headers) {
        requireCallSid(callSid);
        return documents.transcript(callSid, format, headers);
    }

    /**
     * The call's recording, a stereo WAV (left the caller, right Parley), once the call has ended. A single
     * {@code Range} is served as 206 Partial Content, so a player can seek.
     */
    @GET
    @Path("{callSid}/recording")
    @Produces("audio/wav")
    public Response recording(@PathParam("callSid") String callSid, @HeaderParam("Range") String range) {
        requireCallSid(callSid);
        return documents.recording(callSid, range);
    }

    /**
     * Places a call within the outbound policy (allowed destinations, caller IDs, calls a minute). The body is
     * {@code {"to": "+15551234567", "from": optional, "greeting": optional}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(String json) {
        JsonObject body = JsonBodies.object(json, "{\"to\": \"+15551234567\"}");
        String to = JsonBodies.text(body, "to").orElse(null);
        Optional<String> from = JsonBodies.text(body, "from").filter(f -> !f.isBlank());
        Optional<String> greeting = JsonBodies.text(body, "greeting").filter(g -> !g.isBlank());
        CallRecord call = outboundCalls.place(to, from, greeting);
        LOG.info(() -> "Call " + call.callSid() + " placed to " + call.to() + " from " + call.from());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(call.callSid()).build())
                .entity(PlacedCall.of(call)).build();
    }

    private CallView view(CallRecord call, boolean withTurns) {
        return CallView.of(call, sessions.find(call.callSid()).map(CallSession::stats).orElse(null), withTurns);
    }

    private static void requireCallSid(String callSid) {
        if (!Sids.isCallSid(callSid)) {
            throw new RequestRefusedException(400, "Not a call SID (CA and 32 hex digits)");
        }
    }
}
