package io.parley.api;

import io.parley.call.Sids;
import io.parley.http.RequestRefusedException;
import io.parley.show.QueuedCall;
import io.parley.show.Show;
import io.parley.show.ShowEvents;
import io.parley.show.VoicemailBox;
import io.parley.store.Store;
import io.parley.store.VoicemailRow;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /api/show}: the call-in show. Its state and the on-air switch, the hold queue and its operations (take,
 * hold, drop, voicemail, block, next, edit), the Server-Sent Events the console follows, and the messages left on
 * the show line. An operation on a caller who is not in the queue (any more) is refused with 409.
 */
@Path("api/show")
@Produces(MediaType.APPLICATION_JSON)
public class ShowResource {

    private static final String EDIT_EXAMPLE = "{\"name\": \"Ann\", \"topic\": \"gardening\", \"notes\": \"…\","
            + " \"priority\": 1}";

    @Inject
    Show show;

    @Inject
    ShowEvents events;

    @Inject
    Store store;

    @Inject
    VoicemailBox voicemails;

    @Inject
    CallDocuments documents;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    public JsonObject state() {
        return show.state();
    }

    /** {@code {"onAir": true}} opens the show line; off air, its new callers go to voicemail. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject change(String json) {
        JsonObject body = JsonBodies.object(json, "{\"onAir\": true}");
        JsonValue onAir = body.get("onAir");
        if (onAir != JsonValue.TRUE && onAir != JsonValue.FALSE) {
            throw new RequestRefusedException(400, "\"onAir\" must be true or false");
        }
        HostOnly.require(request, "open or close the show line");
        show.onAir(onAir == JsonValue.TRUE);
        return show.state();
    }

    @GET
    @Path("queue")
    public JsonObject queue() {
        return show.queueJson();
    }

    @POST
    @Path("queue/{callSid}/take")
    public JsonObject take(@PathParam("callSid") String callSid) {
        HostOnly.require(request, "take callers on air");
        return entry(show.take(sid(callSid)));
    }

    @POST
    @Path("queue/{callSid}/hold")
    public JsonObject hold(@PathParam("callSid") String callSid) {
        HostOnly.require(request, "put callers on air back on hold");
        return entry(show.hold(sid(callSid)));
    }

    @POST
    @Path("queue/{callSid}/drop")
    public JsonObject drop(@PathParam("callSid") String callSid) {
        HostOnly.require(request, "drop callers");
        return entry(show.drop(sid(callSid)));
    }

    @POST
    @Path("queue/{callSid}/voicemail")
    public JsonObject voicemail(@PathParam("callSid") String callSid) {
        return entry(show.voicemail(sid(callSid)));
    }

    /** Blocks the caller's number (later calls are rejected) and drops them. */
    @POST
    @Path("queue/{callSid}/block")
    public JsonObject block(@PathParam("callSid") String callSid) {
        HostOnly.require(request, "block callers");
        return entry(show.block(sid(callSid)));
    }

    /** Takes the longest-waiting screened caller (the highest priority first). */
    @POST
    @Path("next")
    public JsonObject next() {
        HostOnly.require(request, "take callers on air");
        return entry(show.next());
    }

    /** Changes a caller's name, topic, notes or priority; fields left out stay. */
    @PATCH
    @Path("queue/{callSid}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public JsonObject edit(@PathParam("callSid") String callSid, String json) {
        JsonObject body = JsonBodies.object(json, EDIT_EXAMPLE);
        for (String key : body.keySet()) {
            if (!java.util.Set.of("name", "topic", "notes", "priority").contains(key)) {
                throw new RequestRefusedException(400, "\"" + key + "\" cannot be changed; a queued caller has name,"
                        + " topic, notes and priority");
            }
        }
        Optional<Integer> priority = Optional.ofNullable(body.get("priority")).filter(v -> v != JsonValue.NULL)
                .map(v -> {
                    if (!(v instanceof jakarta.json.JsonNumber n) || !n.isIntegral() || Math.abs(n.longValue()) > 100) {
                        throw new RequestRefusedException(400, "\"priority\" must be a whole number from -100 to 100");
                    }
                    return n.intValue();
                });
        return entry(show.edit(sid(callSid), JsonBodies.text(body, "name"), JsonBodies.text(body, "topic"),
                JsonBodies.text(body, "notes"), priority));
    }

    /**
     * The console's live feed: {@code studio} and {@code queue} at once (the state it starts from), then every
     * change as it happens.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        events.subscribe(sink, sse);
        events.sendTo(sink, sse, ShowEvents.STUDIO, show.state());
        events.sendTo(sink, sse, ShowEvents.QUEUE, show.queueJson());
    }

    /**
     * Today's calls (since midnight UTC), newest first, for the console's history: who, about what, the notes
     * written after the call, and whether there is a recording.
     */
    @GET
    @Path("history")
    public JsonObject history() {
        Instant midnight = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        JsonArrayBuilder out = Json.createArrayBuilder();
        var page = store.page(new io.parley.store.CallQuery(Optional.empty(), Optional.of(midnight), Optional.empty(),
                Optional.empty(), Optional.empty(), 100));
        for (io.parley.call.CallRecord call : page.calls()) {
            JsonObjectBuilder row = Json.createObjectBuilder().add("callSid", call.callSid())
                    .add("status", call.status().twilioName()).add("createdAt", call.createdAt().toString());
            text(row, "from", call.callerNumber());
            store.extras(call.callSid()).ifPresent(extras -> {
                text(row, "summary", extras.summary());
                if (extras.caller() != null) {
                    text(row, "name", extras.caller().name());
                }
                row.add("recording", extras.recording() != null);
            });
            out.add(row);
        }
        return Json.createObjectBuilder().add("calls", out).build();
    }

    /** A call's transcript, as {@code GET /api/calls/{sid}/transcript} gives it, for the console. */
    @GET
    @Path("calls/{callSid}/transcript")
    @Produces({"text/plain", "text/markdown", MediaType.APPLICATION_JSON, "text/vtt", "application/x-subrip"})
    public Response transcript(@PathParam("callSid") String callSid, @QueryParam("format") String format,
                               @Context jakarta.ws.rs.core.HttpHeaders headers) {
        return documents.transcript(sid(callSid), format, headers);
    }

    /** A call's recording, as {@code GET /api/calls/{sid}/recording} gives it, for the console. */
    @GET
    @Path("calls/{callSid}/recording")
    @Produces("audio/wav")
    public Response recording(@PathParam("callSid") String callSid, @HeaderParam("Range") String range) {
        return documents.recording(sid(callSid), range);
    }

    /** Messages left on the show line, newest first: the last {@code days} days (7 unless asked). */
    @GET
    @Path("voicemails")
    public JsonObject voicemails(@QueryParam("days") Integer days) {
        int window = days == null ? 7 : days;
        if (window < 1 || window > 3650) {
            throw new RequestRefusedException(400, "days: a whole number from 1 to 3650");
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (VoicemailRow v : store.show().voicemails(Instant.now().minus(Duration.ofDays(window)), 500)) {
            JsonObjectBuilder row = Json.createObjectBuilder().add("id", v.id()).add("callSid", v.callSid())
                    .add("reason", v.reason()).add("millis", v.millis()).add("recordedAt", v.recordedAt().toString())
                    .add("audio", "/api/show/voicemails/" + v.id() + "/audio");
            text(row, "from", v.from());
            text(row, "name", v.name());
            text(row, "topic", v.topic());
            if (v.callerId() != null) {
                row.add("callerId", v.callerId());
            }
            out.add(row);
        }
        return Json.createObjectBuilder().add("voicemails", out).build();
    }

    /** A message's audio, a mono WAV at 8 kHz; a single {@code Range} is served as 206. */
    @GET
    @Path("voicemails/{id}/audio")
    @Produces("audio/wav")
    public Response voicemailAudio(@PathParam("id") String id, @HeaderParam("Range") String range) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new RequestRefusedException(400, "id: a whole number");
        }
        VoicemailRow message = store.show().voicemail(number)
                .orElseThrow(() -> new RequestRefusedException(404, "No voicemail " + number));
        java.nio.file.Path file = voicemails.file(message.path())
                .orElseThrow(() -> new RequestRefusedException(404, "The voicemail " + number + " is not on disk"));
        return WavBody.serve(file, range, "voicemail-" + message.callSid() + ".wav", "The voicemail " + number);
    }

    private static String sid(String callSid) {
        if (!Sids.isCallSid(callSid)) {
            throw new RequestRefusedException(400, "Not a call SID (CA and 32 hex digits)");
        }
        return callSid;
    }

    private JsonObject entry(QueuedCall call) {
        return show.json(call);
    }

    private static void text(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
