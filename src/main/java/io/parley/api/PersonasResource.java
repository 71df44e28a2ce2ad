package io.parley.api;

import io.parley.http.RequestRefusedException;
import io.parley.models.Models;
import io.parley.store.Persona;
import io.parley.store.Store;
import io.parley.studio.Studio;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /api/personas}: the show's AI voices, stored in the database. A persona has a name, a role
 * ({@code co-host} or {@code caller}), a voice on the speech server, an embedded voice for when there is none, and
 * a style prompt. A persona in the studio is refreshed there when it changes, and taken out when it is deleted.
 */
@Path("api/personas")
@Produces(MediaType.APPLICATION_JSON)
public class PersonasResource {

    static final String EXAMPLE = "{\"name\": \"Max\", \"role\": \"co-host\", \"voice\": \"am_michael\","
            + " \"embeddedVoice\": \"kevin16\", \"style\": \"You are Max, the show's warm and curious co-host.\"}";
    private static final Logger LOG = Logger.getLogger(PersonasResource.class.getName());

    @Inject
    Store store;

    @Inject
    Studio studio;

    @Context
    UriInfo uriInfo;

    @GET
    public JsonObject list() {
        Set<Long> inStudio = inStudio();
        JsonArrayBuilder out = Json.createArrayBuilder();
        store.personas().forEach(p -> out.add(json(p, inStudio.contains(p.id()))));
        JsonArrayBuilder voices = Json.createArrayBuilder();
        Models.embeddedVoices().forEach(voices::add);
        return Json.createObjectBuilder().add("personas", out).add("embeddedVoices", voices).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        Persona persona = store.persona(id(id)).orElseThrow(() -> notFound(id));
        return json(persona, inStudio().contains(persona.id()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(String json) {
        Persona persona = read(0, JsonBodies.object(json, EXAMPLE));
        Persona added = store.addPersona(persona).orElseThrow(() -> new RequestRefusedException(409,
                "A persona is called " + persona.name() + " already"));
        LOG.info(() -> "Persona " + added.id() + " added: " + added.name() + " (" + added.role().label() + ")");
        return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(added.id())).build())
                .entity(json(added, false)).build();
    }

    /** Replaces a persona whole (every field is required, as on creation). */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject change(@PathParam("id") String id, String json) {
        long personaId = id(id);
        Persona persona = read(personaId, JsonBodies.object(json, EXAMPLE));
        Persona changed;
        try {
            changed = store.changePersona(persona).orElseThrow(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException(409, "Another persona is called " + persona.name());
        }
        boolean there = inStudio().contains(personaId);
        if (there) {
            studio.add(changed);
        }
        return json(changed, there);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        long personaId = id(id);
        studio.remove(personaId);
        if (!store.removePersona(personaId)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    static JsonObject json(Persona p, boolean inStudio) {
        return Json.createObjectBuilder().add("id", p.id()).add("name", p.name()).add("role", p.role().label())
                .add("voice", p.voice()).add("embeddedVoice", p.embeddedVoice()).add("style", p.style())
                .add("inStudio", inStudio).build();
    }

    /** A persona from a request body, every field checked. */
    static Persona read(long id, JsonObject body) {
        String name = required(body, "name", Persona.MAX_NAME);
        if (!name.matches("[\\p{L}][\\p{L}\\p{N} .'-]*")) {
            throw new RequestRefusedException(400, "\"name\" is a name such as Max or Aunt Dot: letters, digits,"
                    + " spaces, dots, apostrophes and hyphens, starting with a letter");
        }
        String roleText = required(body, "role", 16);
        Persona.Role role = Persona.Role.of(roleText).orElseThrow(() -> new RequestRefusedException(400,
                "\"role\" is co-host or caller, not " + roleText));
        String voice = required(body, "voice", Persona.MAX_VOICE);
        String embedded = JsonBodies.text(body, "embeddedVoice").map(String::strip).orElse("kevin16");
        if (!Models.embeddedVoices().contains(embedded)) {
            throw new RequestRefusedException(400, "\"embeddedVoice\" is one of " + Models.embeddedVoices());
        }
        String style = required(body, "style", Persona.MAX_STYLE);
        return new Persona(id, name, role, voice, embedded, style);
    }

    private static String required(JsonObject body, String field, int max) {
        String value = JsonBodies.text(body, field).map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw new RequestRefusedException(400, "\"" + field + "\" is required, for example: " + EXAMPLE);
        }
        if (value.length() > max) {
            throw new RequestRefusedException(400, "\"" + field + "\" is at most " + max + " characters");
        }
        return value;
    }

    private Set<Long> inStudio() {
        return studio.personas().stream().map(Persona::id).collect(java.util.stream.Collectors.toSet());
    }

    static long id(String id) {
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRefusedException(400, "A persona's id is a positive number");
    }

    private static RequestRefusedException notFound(String id) {
        return new RequestRefusedException(404, "No persona " + id);
    }
}
