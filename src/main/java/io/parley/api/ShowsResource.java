package io.parley.api;

import io.parley.http.RequestRefusedException;
import io.parley.store.ShowRow;
import io.parley.store.Store;
import io.parley.studio.Studio;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code /api/shows}: a show from its start to its end. {@code POST} starts one ({@code {"title": …}}), {@code POST
 * {id}/end} ends it; a show owns the studio's turns, its chapters and its calls. {@code GET {id}/transcript} exports
 * it ({@code ?format=text|markdown|json|vtt|chapters}, or by {@code Accept}); {@code GET {id}/recording} is the
 * studio's mix as a WAV, and {@code GET {id}/recording/{stem}} one participant's stem (their names are in
 * {@code GET {id}}).
 */
@Path("api/shows")
@Produces(MediaType.APPLICATION_JSON)
public class ShowsResource {

    @Inject
    Studio studio;

    @Inject
    Store store;

    @Context
    UriInfo uriInfo;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    public JsonObject list(@QueryParam("limit") String limit) {
        int n = 20;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 500) {
                throw new RequestRefusedException(400, "\"limit\" is 1 to 500");
            }
        }
        JsonArrayBuilder shows = Json.createArrayBuilder();
        store.shows().latest(n).forEach(s -> shows.add(summary(s)));
        return Json.createObjectBuilder().add("shows", shows).build();
    }

    /** Starts a show: {@code {"title": "Late Night Call-In"}}. 409 while another runs. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response start(String json) {
        HostOnly.require(request, "start a show");
        String title = json == null || json.isBlank() ? "" : JsonBodies.text(JsonBodies.object(json,
                "{\"title\": \"Late Night Call-In\"}"), "title").map(String::strip).orElse("");
        if (title.isEmpty()) {
            title = "Show of " + java.time.LocalDate.now();
        }
        if (title.length() > 200) {
            throw new RequestRefusedException(400, "\"title\" is at most 200 characters");
        }
        ShowRow show;
        try {
            show = studio.startShow(title);
        } catch (IllegalStateException e) {
            throw new RequestRefusedException(409, "A show is running: " + e.getMessage());
        }
        return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(show.id())).build())
                .entity(summary(show)).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        ShowRow show = find(id);
        JsonObjectBuilder out = Json.createObjectBuilder(summary(show));
        JsonArrayBuilder chapters = Json.createArrayBuilder();
        store.shows().chapters(show.id()).forEach(c -> {
            JsonObjectBuilder chapter = Json.createObjectBuilder().add("title", c.title())
                    .add("at", c.startedAt().toString());
            if (c.callSid() != null) {
                chapter.add("callSid", c.callSid());
            }
            if (c.summary() != null) {
                chapter.add("summary", c.summary());
            }
            chapters.add(chapter);
        });
        JsonArrayBuilder calls = Json.createArrayBuilder();
        store.shows().calls(show.id()).forEach(calls::add);
        JsonArrayBuilder stems = Json.createArrayBuilder();
        stems(show).forEach(stem -> stems.add(Json.createObjectBuilder().add("name", stem)
                .add("href", "/api/shows/" + show.id() + "/recording/" + stem)));
        return out.add("chapters", chapters).add("calls", calls).add("turns", store.shows().turns(show.id()).size())
                .add("stems", stems).build();
    }

    @POST
    @Path("{id}/end")
    public JsonObject end(@PathParam("id") String id) {
        HostOnly.require(request, "end a show");
        long showId = number(id);
        return summary(studio.endShow(showId).orElseThrow(() -> notFound(id)));
    }

    @GET
    @Path("{id}/transcript")
    @Produces({MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON, "text/vtt"})
    public Response transcript(@PathParam("id") String id, @QueryParam("format") String format,
                               @Context HttpHeaders headers) {
        ShowExport.Format chosen = format != null && !format.isBlank()
                ? ShowExport.Format.named(format.strip()).orElseThrow(() -> new RequestRefusedException(400,
                        "format: one of " + ShowExport.Format.names()))
                : headers.getAcceptableMediaTypes().stream()
                        .map(t -> t.isWildcardType() ? Optional.of(ShowExport.Format.TEXT)
                                : ShowExport.Format.named(t.getType() + "/" + t.getSubtype()))
                        .flatMap(Optional::stream).findFirst()
                        .orElseThrow(() -> new RequestRefusedException(406, "Accept: a show's transcript is served as"
                                + " text/plain, text/markdown, application/json or text/vtt"));
        ShowRow show = find(id);
        String body = new ShowExport(show, store.shows().turns(show.id()), store.shows().chapters(show.id()))
                .render(chosen);
        return Response.ok(body, chosen.mediaType()).build();
    }

    /** The studio's mix, as a WAV (ranges served: players seek). */
    @GET
    @Path("{id}/recording")
    @Produces({"audio/wav", MediaType.APPLICATION_JSON})
    public Response recording(@PathParam("id") String id, @HeaderParam("Range") String range) {
        return stem(id, "mix", range);
    }

    /** One participant's stem (a name from {@code GET /api/shows/{id}}'s {@code stems}). */
    @GET
    @Path("{id}/recording/{stem}")
    @Produces({"audio/wav", MediaType.APPLICATION_JSON})
    public Response stem(@PathParam("id") String id, @PathParam("stem") String stem,
                         @HeaderParam("Range") String range) {
        ShowRow show = find(id);
        if (!stem.matches("[a-z0-9-]{1,100}")) {
            throw new RequestRefusedException(400, "A stem's name is lower-case letters, digits and hyphens");
        }
        java.nio.file.Path dir = recordingDir(show).orElseThrow(() -> new RequestRefusedException(404, "The show " + id
                + " was not recorded"));
        java.nio.file.Path file = dir.resolve(stem.equals("mix") ? "mix.wav" : "stem-" + stem + ".wav");
        if (!Files.isRegularFile(file)) {
            throw new RequestRefusedException(404, "The show " + id + " has no " + (stem.equals("mix") ? "mix"
                    : "stem " + stem) + " on disk");
        }
        return WavBody.serve(file, range, "show-" + show.id() + "-" + stem + ".wav", "The show's " + stem);
    }

    private List<String> stems(ShowRow show) {
        Optional<java.nio.file.Path> dir = recordingDir(show);
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> files = Files.list(dir.get())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stem-") && n.endsWith(".wav"))
                    .map(n -> n.substring(5, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonObject summary(ShowRow show) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("id", show.id()).add("title", show.title())
                .add("startedAt", show.startedAt().toString()).add("running", show.running());
        if (show.endedAt() != null) {
            out.add("endedAt", show.endedAt().toString());
        }
        return out.build();
    }

    private ShowRow find(String id) {
        return store.shows().find(number(id)).orElseThrow(() -> notFound(id));
    }

    private static long number(String id) {
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRefusedException(400, "A show's id is a positive number");
    }

    private static RequestRefusedException notFound(String id) {
        return new RequestRefusedException(404, "No show " + id);
    }

    /** Where the show's recording is: the mix and a stem per participant. */
    private static Optional<java.nio.file.Path> recordingDir(ShowRow show) {
        return Optional.ofNullable(show.recordingDir()).map(java.nio.file.Path::of);
    }
}
