package io.parley.api;

import io.parley.call.CallRegistry;
import io.parley.http.RequestRefusedException;
import io.parley.recording.Recordings;
import io.parley.store.Caller;
import io.parley.store.CallerChanges;
import io.parley.store.CallerDirectory;
import io.parley.store.Store;
import io.parley.telephony.PhoneNumbers;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /api/callers}: the people who call (each created on their first call, or added ahead of it), their
 * names and notes, whether they are blocked; and erasing one with everything of theirs.
 */
@Path("api/callers")
@Produces(MediaType.APPLICATION_JSON)
public class CallersResource {

    private static final Logger LOG = Logger.getLogger(CallersResource.class.getName());
    private static final String EXAMPLE = "{\"number\": \"+15551234567\", \"name\": \"Ada\", \"notes\": \"…\", "
            + "\"blocked\": false}";

    @Inject
    Recordings recordings;

    @Inject
    io.parley.show.VoicemailBox voicemails;

    @Inject
    Store store;

    @Inject
    CallRegistry registry;

    @Context
    UriInfo uriInfo;

    /** Callers in the order they were added, {@code limit} (1 to 500, default 100) after {@code after} (an id). */
    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long afterId = number("after", after, 0, Long.MAX_VALUE, 0);
        int n = (int) number("limit", limit, 1, 500, 100);
        List<Caller> callers = store.callers(afterId, n);
        Response.ResponseBuilder response = Response.ok(callers);
        if (callers.size() == n) {
            response.link(uriInfo.getRequestUriBuilder().replaceQueryParam("after", callers.get(n - 1).id()).build(),
                    "next");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public Caller get(@PathParam("id") String id) {
        return store.caller(id(id)).orElseThrow(() -> notFound(id));
    }

    /** Adds a caller ahead of their first call: {@code number} (E.164), and optionally name, notes, blocked. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(String json) {
        JsonObject body = JsonBodies.object(json, EXAMPLE);
        String number = JsonBodies.text(body, "number").map(String::strip).orElse("");
        if (!PhoneNumbers.isE164(number)) {
            throw new RequestRefusedException(400, "\"number\" must be an E.164 phone number such as +15551234567");
        }
        Caller caller = store.addCaller(number, changes(body)).orElseThrow(() -> new RequestRefusedException(409,
                "The caller " + number + " is already known; change them with PATCH /api/callers/{id}"));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(caller.id())).build())
                .entity(caller).build();
    }

    /** Changes a caller's name, notes or blocked flag: fields left out stay; a null name or notes clears it. */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Caller change(@PathParam("id") String id, String json) {
        JsonObject body = JsonBodies.object(json, EXAMPLE);
        if (body.containsKey("number")) {
            throw new RequestRefusedException(400, "A caller's number cannot change; add the new number as a caller");
        }
        return store.changeCaller(id(id), changes(body)).orElseThrow(() -> notFound(id));
    }

    /**
     * Erases the caller and everything of theirs: their calls, the calls' turns and recordings. Refused (409) while they are on a
     * call, which would be written again as it goes on.
     */
    @DELETE
    @Path("{id}")
    public Response erase(@PathParam("id") String id) {
        long callerId = id(id);
        Caller caller = store.caller(callerId).orElseThrow(() -> notFound(id));
        boolean onACall = registry.all().stream().anyMatch(c -> c.active() && caller.number().equals(c.callerNumber()));
        if (onACall) {
            throw new RequestRefusedException(409, "The caller is on a call now; erase them once it has ended");
        }
        CallerDirectory.Erased erased = store.eraseCaller(callerId).orElseThrow(() -> notFound(id));
        List<String> calls = erased.callSids();
        int deleted = erased.calls().stream().mapToInt(c -> recordings.delete(c.callSid(), c.createdAt(),
                Optional.ofNullable(c.recordingPath()))).sum();
        int messages = 0;
        for (String path : erased.voicemails()) {
            messages += voicemails.delete(path) ? 1 : 0;
        }
        int voicemailsDeleted = messages;
        calls.forEach(registry::forget);
        LOG.info(() -> "Caller " + callerId + " erased, with " + calls.size() + " calls, " + deleted
                + " recordings and " + voicemailsDeleted + " voicemails");
        return Response.noContent().build();
    }

    private static CallerChanges changes(JsonObject body) {
        Optional<Boolean> blocked = Optional.ofNullable(body.get("blocked")).filter(v -> v != JsonValue.NULL).map(v -> {
            if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                throw new RequestRefusedException(400, "\"blocked\" must be true or false");
            }
            return v == JsonValue.TRUE;
        });
        try {
            return new CallerChanges(clearable(body, "name"), clearable(body, "notes"), blocked);
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException(400, e.getMessage());
        }
    }

    /** A text field; present as null, it clears the value (empty text). */
    private static Optional<String> clearable(JsonObject body, String field) {
        if (body.containsKey(field) && body.get(field) == JsonValue.NULL) {
            return Optional.of("");
        }
        return JsonBodies.text(body, field);
    }

    private static long id(String id) {
        return number("id", id, 1, Long.MAX_VALUE, -1);
    }

    private static long number(String name, String value, long min, long max, long otherwise) {
        if (value == null || value.isBlank()) {
            if (otherwise < 0) {
                throw new RequestRefusedException(400, name + " is missing");
            }
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRefusedException(400, name + ": a whole number from " + min + (max == Long.MAX_VALUE ? " up"
                : " to " + max));
    }

    private static RequestRefusedException notFound(String id) {
        return new RequestRefusedException(404, "No caller " + id);
    }
}
