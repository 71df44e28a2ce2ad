package io.parley.api;

import io.parley.http.RequestRefusedException;
import io.parley.show.Show;
import io.parley.studio.FollowUp;
import io.parley.studio.Studio;
import io.parley.studio.StudioSettings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/show/followup}: follow-ups on earlier calls. {@code GET} lists the show's segments (each caller's time on
 * air, summarised once they left it), the follow-ups made, and the auto follow-up setting; {@code POST} has an AI
 * caller phone in now to follow up on a segment (the latest, or {@code {"callSid": …}}); {@code PUT} turns auto
 * follow-up on or off ({@code {"auto": true, "delaySeconds": 20}}). Changing what goes on air is the host's.
 */
@Path("api/show/followup")
@Produces(MediaType.APPLICATION_JSON)
public class FollowUpResource {

    @Inject
    Studio studio;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    public JsonObject state() {
        JsonArrayBuilder segments = Json.createArrayBuilder();
        studio.earlier().forEach(s -> segments.add(Show.segmentJson(s)));
        JsonArrayBuilder made = Json.createArrayBuilder();
        studio.followUps().forEach(f -> made.add(json(f)));
        return Json.createObjectBuilder().add("auto", studio.autoFollowUp())
                .add("delaySeconds", studio.autoFollowUpDelayMillis() / 1000).add("segments", segments)
                .add("followUps", made).build();
    }

    /**
     * An AI caller phones in now about an earlier segment: {@code {"callSid": "CA…"}} for that caller's, or an empty
     * body for the latest. 409 when no caller has left the air yet or there is no AI caller persona; 404 when that
     * caller has no segment in this show. Answers once the persona is picked and speaking.
     */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public CompletionStage<JsonObject> followUp(String json) {
        Optional<String> callSid = Optional.empty();
        if (json != null && !json.isBlank()) {
            JsonObject body = JsonBodies.object(json, "{\"callSid\": \"CA…\"}");
            JsonValue sid = body.get("callSid");
            if (sid != null && sid != JsonValue.NULL && sid.getValueType() != JsonValue.ValueType.STRING) {
                throw new RequestRefusedException(400, "\"callSid\" is the earlier caller's call SID, a string");
            }
            callSid = JsonBodies.text(body, "callSid").filter(s -> !s.isBlank());
        }
        HostOnly.require(request, "put a follow-up on air");
        Optional<String> about = callSid;
        try {
            return studio.followUp(about).thenApply(FollowUpResource::json);
        } catch (NoSuchElementException e) {
            throw new RequestRefusedException(about.isPresent() ? 404 : 409, e.getMessage());
        } catch (IllegalStateException e) {
            throw new RequestRefusedException(409, e.getMessage());
        }
    }

    /** {@code {"auto": true, "delaySeconds": 20}}: an AI caller follows up by itself after each caller's segment. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject auto(String json) {
        JsonObject body = JsonBodies.object(json, "{\"auto\": true, \"delaySeconds\": 20}");
        JsonValue auto = body.get("auto");
        if (auto != JsonValue.TRUE && auto != JsonValue.FALSE) {
            throw new RequestRefusedException(400, "\"auto\" is true or false");
        }
        long delay = studio.autoFollowUpDelayMillis() / 1000;
        JsonValue seconds = body.get("delaySeconds");
        if (seconds != null && seconds != JsonValue.NULL) {
            if (!(seconds instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0
                    || n.longValue() > StudioSettings.MAX_FOLLOW_UP_DELAY_S) {
                throw new RequestRefusedException(400, "\"delaySeconds\" is a whole number of seconds, 0 to "
                        + StudioSettings.MAX_FOLLOW_UP_DELAY_S);
            }
            delay = n.longValue();
        }
        HostOnly.require(request, "change auto follow-up");
        studio.autoFollowUp(auto == JsonValue.TRUE, delay * 1000);
        return state();
    }

    static JsonObject json(FollowUp f) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("at", f.at().toString()).add("caller", f.caller())
                .add("callSid", f.key()).add("auto", f.auto()).add("why", f.why());
        if (f.persona() == null) {
            out.addNull("persona").addNull("personaId");
        } else {
            out.add("persona", f.persona()).add("personaId", f.personaId());
        }
        return out.build();
    }
}
