package io.parley.api;

import io.parley.http.RequestRefusedException;
import io.parley.store.Persona;
import io.parley.store.Store;
import io.parley.studio.Studio;
import io.parley.studio.StudioTurn;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /api/show/ai}: the AI voices in the studio. The host puts personas in ({@code PUT personas/{id}}) and takes
 * them out ({@code DELETE}), and asks one to answer now ({@code POST respond}); the studio's conversation, with its
 * speakers, is {@code GET conversation}. Everything that changes the studio is the host's.
 */
@Path("api/show/ai")
@Produces(MediaType.APPLICATION_JSON)
public class StudioAiResource {

    @Inject
    Studio studio;

    @Inject
    Store store;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    public JsonObject state() {
        JsonArrayBuilder personas = Json.createArrayBuilder();
        studio.personas().forEach(p -> personas.add(PersonasResource.json(p, true)));
        JsonArrayBuilder decisions = Json.createArrayBuilder();
        studio.decisions().forEach(d -> decisions.add(Json.createObjectBuilder().add("at", d.at().toString())
                .add("afterTurn", d.afterTurn()).add("persona", d.persona()).add("spoke", d.spoke())
                .add("why", d.why())));
        JsonObjectBuilder moods = Json.createObjectBuilder();
        studio.moods().forEach(moods::add);
        return Json.createObjectBuilder().add("mode", studio.auto() ? "auto" : "manual").add("personas", personas)
                .add("speaking", studio.talking().map(Persona::name).map(Json::createValue)
                        .map(JsonValue.class::cast).orElse(JsonValue.NULL))
                .add("moods", moods).add("decisions", decisions)
                .build();
    }

    /**
     * {@code {"mode": "auto"}}: the personas decide when to speak, after a pause in the people's conversation;
     * {@code "manual"}: only when the host asks.
     */
    @PUT
    @Path("mode")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject mode(String json) {
        String mode = JsonBodies.text(JsonBodies.object(json, "{\"mode\": \"auto\"}"), "mode").orElse("");
        if (!mode.equals("auto") && !mode.equals("manual")) {
            throw new RequestRefusedException(400, "\"mode\" is auto or manual");
        }
        HostOnly.require(request, "change the AI's mode");
        studio.auto(mode.equals("auto"));
        return state();
    }

    /** Puts a stored persona in the studio (its details refreshed if it is there already). */
    @PUT
    @Path("personas/{id}")
    public JsonObject enter(@PathParam("id") String id) {
        HostOnly.require(request, "put personas in the studio");
        Persona persona = store.persona(PersonasResource.id(id))
                .orElseThrow(() -> new RequestRefusedException(404, "No persona " + id));
        studio.add(persona);
        return state();
    }

    @DELETE
    @Path("personas/{id}")
    public JsonObject leave(@PathParam("id") String id) {
        HostOnly.require(request, "take personas out of the studio");
        if (!studio.remove(PersonasResource.id(id))) {
            throw new RequestRefusedException(409, "Persona " + id + " is not in the studio");
        }
        return state();
    }

    /**
     * The persona answers now: {@code {"persona": 3}}, or an empty body for the studio's co-host (else its first
     * persona). 409 when no such persona is in the studio.
     */
    @POST
    @Path("respond")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public JsonObject respond(String json) {
        HostOnly.require(request, "ask the AI to answer");
        Optional<Long> wanted = Optional.empty();
        if (json != null && !json.isBlank()) {
            JsonValue persona = JsonBodies.object(json, "{\"persona\": 1}").get("persona");
            if (persona != null && persona != JsonValue.NULL) {
                if (!(persona instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
                    throw new RequestRefusedException(400, "\"persona\" is a persona's id, a positive number");
                }
                wanted = Optional.of(n.longValue());
            }
        }
        Optional<Long> asked = wanted;
        Persona answering = studio.respond(asked).orElseThrow(() -> new RequestRefusedException(409,
                asked.map(id -> "Persona " + id + " is not in the studio")
                        .orElse("No persona is in the studio; put one in with PUT /api/show/ai/personas/{id}")));
        return Json.createObjectBuilder().add("persona", PersonasResource.json(answering, true)).build();
    }

    /** The studio's latest turns, oldest first, with their speakers. */
    @GET
    @Path("conversation")
    public JsonObject conversation(@QueryParam("limit") String limit) {
        int n = 100;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 1000) {
                throw new RequestRefusedException(400, "\"limit\" is 1 to 1000");
            }
        }
        JsonArrayBuilder turns = Json.createArrayBuilder();
        for (StudioTurn t : studio.turns(n)) {
            turns.add(Json.createObjectBuilder().add("seq", t.seq()).add("speaker", t.speaker().label())
                    .add("kind", t.speaker().kind().label()).add("key", t.speaker().key()).add("text", t.text())
                    .add("at", t.at().toString()).add("interrupted", t.interrupted())
                    .add("mood", t.mood() == null ? JsonValue.NULL : Json.createValue(t.mood().label())));
        }
        return Json.createObjectBuilder().add("turns", turns).build();
    }
}
