package it.io.parley.show;

import static it.io.parley.show.ShowCalls.Line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.Pcm16;
import io.parley.models.remote.FakeModelServer;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AI persona on air with the remote fake models: the host (a microphone fed from speech over
 * {@code WS /console/audio}) and a caller taken on air each have their turns transcribed under their own names; the
 * host asks the co-host to answer, and its request carries the studio's conversation with speakers; the caller
 * hears it; then the host, and later the caller, speak over it and it falls silent within 200 ms, the history
 * keeping only what the room heard.
 */
class AiOnAirIT {

    private static final String SERVER = ParleyServer.REMOTE;
    private static final String KATE = ShowCalls.newNumber();
    private static final String HOST_WELCOME = "Welcome to the show Kate, tell us about the music.";
    private static final String KATE_CELLO = "I have played the cello for twenty years.";
    private static final String HOST_CUTS_IN = "Hold on Max, let me ask Kate something.";
    private static final String KATE_CUTS_IN = "Sorry, can I jump in there?";
    /** What Kate is saying when her call ends (her script runs out mid-sentence): her last words are kept. */
    private static final String KATE_HANGS_UP = "And the one thing my old teacher always told me about the cello was"
            + " that every note";
    private static final String SHORT_REPLY = "That is wonderful. Twenty years is a long time.";
    private static final String LONG_REPLY = "You know, the cello is the instrument closest to the human voice,"
            + " and people say that its range matches ours almost exactly. When I was young I heard a cellist play"
            + " in an empty church, and the sound seemed to come from the stones themselves. I have never"
            + " forgotten it, and I think about it every time somebody mentions the instrument on the show.";

    private static final String KATE_SUMMARY = "Kate, a cellist of twenty years, talked music with the host and Max.";
    private static final String DOT_FOLLOWS_UP = "Hello, Dot here. I heard Kate and her cello, and I had to call.";

    private static FakeModelServer models;
    private static Path heard;
    private static long maxId;
    private static long dotId;

    @BeforeAll
    static void start() throws Exception {
        models = FakeModelServer.startPerService(ParleyServer.FAKE_MODELS_PORT);
        heard = Files.createDirectories(Path.of("target", "ai-on-air-it"));
        assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": true}").statusCode());
        maxId = ShowCalls.get(SERVER, "/api/personas").getJsonArray("personas").getValuesAs(JsonObject.class)
                .stream().filter(p -> p.getString("name").equals("Max")).findFirst()
                .orElseThrow(() -> new AssertionError("the shipped co-host Max is missing")).getJsonNumber("id")
                .longValue();
        dotId = ShowCalls.get(SERVER, "/api/personas").getJsonArray("personas").getValuesAs(JsonObject.class)
                .stream().filter(p -> p.getString("name").equals("Dot")).findFirst()
                .orElseThrow(() -> new AssertionError("the shipped AI caller Dot is missing")).getJsonNumber("id")
                .longValue();
    }

    @AfterAll
    static void stop() {
        ShowCalls.send(SERVER, "DELETE", "/api/show/ai/personas/" + maxId, "");
        ShowCalls.send(SERVER, "DELETE", "/api/show/ai/personas/" + dotId, "");
        ShowCalls.send(SERVER, "PUT", "/api/show/followup", "{\"auto\": false}");
        ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": false}");
        models.close();
    }

    @Test
    void thePersonaAnswersTheLabelledConversationAndFallsSilentWhenSpokenOver() throws Exception {
        models.healthy();
        // By the time of the request (a turn is transcribed at each of its pauses too): her name 7 s into the
        // call, her topic 13.5 s in.
        long dialling = System.nanoTime();
        models.transcriber(audio -> System.nanoTime() - dialling < 12_000_000_000L ? "my name is kate"
                : "i want to talk about music");
        models.structured(request -> {
            String asked = request.getJsonArray("messages").getJsonObject(0).getString("content");
            String said = request.getJsonArray("messages").getJsonObject(1).getString("content");
            if (asked.contains("label the mood")) {
                return said.startsWith("Host:") ? "{\"mood\": \"excited\"}" : "{\"mood\": \"sad\"}";
            }
            if (asked.contains("decide whether")) {
                return "{\"speak\": false}";
            }
            if (asked.contains("will phone in now to follow up")) {
                return asked.contains(KATE_SUMMARY) ? "{\"persona\": \"Dot\"}" : "{}";
            }
            return "{\"name\": \"Kate\", \"topic\": \"music\"}";
        });

        HttpResponse<String> started = ShowCalls.send(SERVER, "POST", "/api/shows", "{\"title\": \"AI on air\"}");
        assertEquals(201, started.statusCode(), started.body());
        long showId = ParleyServer.json(started).getJsonNumber("id").longValue();
        assertEquals(409, ShowCalls.send(SERVER, "POST", "/api/shows", "{\"title\": \"Another\"}").statusCode(),
                "one show at a time");
        HttpResponse<String> tooSoon = ShowCalls.send(SERVER, "POST", "/api/show/followup", "");
        assertEquals(409, tooSoon.statusCode(), "nobody has left the air yet in this show: " + tooSoon.body());
        try (ShowCalls.Events events = new ShowCalls.Events(SERVER)) {
            long dialled = System.nanoTime();
            CompletableFuture<CallResult> kate = ShowCalls.dial(SERVER, KATE, ShowCalls.script(75_000,
                    new Line(7_000, "My name is Kate."), new Line(13_500, "I want to talk about music."),
                    new Line(40_000, KATE_CELLO), new Line(60_000, KATE_CUTS_IN), new Line(72_000, KATE_HANGS_UP)),
                    heard);
            JsonObject kateInLine = ShowCalls.awaitScreened(SERVER, KATE, Duration.ofSeconds(40));
            assertEquals("Kate", kateInLine.getString("displayName"));
            String kateSid = kateInLine.getString("callSid");
            CallResult call;
            try (HostMic host = new HostMic(SERVER)) {
                assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show/ai/personas/" + maxId, "").statusCode());
                at(dialled, 22_000);
                assertEquals(200, ShowCalls.post(SERVER, "/api/show/queue/" + kateSid + "/take").statusCode());

                // The host's turn and the caller's, each under its own name.
                at(dialled, 25_000);
                models.transcriber(audio -> HOST_WELCOME);
                host.say(HOST_WELCOME);
                awaitFinal(events, "host", "Host", HOST_WELCOME);
                at(dialled, 38_000);
                models.transcriber(audio -> KATE_CELLO);
                awaitFinal(events, "caller", "Kate", KATE_CELLO);
                events.await(e -> e.name().equals("mood") && e.data().getString("speaker").equals("Kate"),
                        Duration.ofSeconds(5), "Kate's mood");

                // The manual trigger: Max answers the conversation, labelled.
                at(dialled, 45_000);
                models.replier(replying(SHORT_REPLY));
                int asked = models.chatRequests().size();
                HttpResponse<String> respond = ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}");
                assertEquals(200, respond.statusCode(), respond.body());
                assertTrue(respond.body().contains("\"name\":\"Max\""), respond.body());
                JsonObject answered = awaitFinal(events, "persona", "Max", SHORT_REPLY);
                assertFalse(answered.getBoolean("interrupted", false));
                String prompt = promptAfter(asked);
                assertTrue(prompt.contains("Host: " + HOST_WELCOME), prompt);
                assertTrue(prompt.contains("Kate: " + KATE_CELLO), prompt);
                assertTrue(prompt.contains("(Now Max speaks.)"), prompt);
                assertTrue(prompt.contains("Kate, a caller, on music (sounds sad)"), "the persona knows who is in the"
                        + " studio, and how they sound: " + prompt);
                assertTrue(prompt.contains("Host, the show's host (sounds excited)"), prompt);
                List<String> moods = events.named("mood").stream().map(e -> e.data().getString("speaker") + " "
                        + e.data().getString("mood")).distinct().toList();
                assertTrue(moods.containsAll(List.of("Host excited", "Kate sad")), "mood events: " + moods);

                // The host speaks over Max.
                at(dialled, 50_000);
                models.replier(replying(LONG_REPLY));
                assertEquals(200, ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}").statusCode());
                at(dialled, 52_000);
                models.transcriber(audio -> HOST_CUTS_IN);
                host.say(HOST_CUTS_IN);
                JsonObject cutByHost = awaitInterrupted(events, 1);
                awaitFinal(events, "host", "Host", HOST_CUTS_IN);

                // And the caller does (she speaks 60 s into her call).
                at(dialled, 56_500);
                models.transcriber(audio -> KATE_CUTS_IN);
                at(dialled, 57_000);
                assertEquals(200, ShowCalls.send(SERVER, "POST", "/api/show/ai/respond", "{}").statusCode());
                JsonObject cutByKate = awaitInterrupted(events, 2);
                long lastTurn = awaitFinal(events, "caller", "Kate", KATE_CUTS_IN).getJsonNumber("seq").longValue();
                events.await(e -> e.name().equals("mood") && e.data().getJsonNumber("seq").longValue() == lastTurn,
                        Duration.ofSeconds(5), "the mood of Kate's last turn");
                models.transcriber(audio -> KATE_HANGS_UP);
                // Once Kate leaves the air, an AI caller follows up by itself, 3 s after.
                models.replier(said -> said.contains("has just phoned in to follow up") ? DOT_FOLLOWS_UP
                        : replying(LONG_REPLY).apply(said));
                HttpResponse<String> auto = ShowCalls.send(SERVER, "PUT", "/api/show/followup",
                        "{\"auto\": true, \"delaySeconds\": 3}");
                assertEquals(200, auto.statusCode(), auto.body());

                for (JsonObject cut : List.of(cutByHost, cutByKate)) {
                    String kept = cut.getString("text");
                    assertTrue(LONG_REPLY.startsWith(kept.replaceAll("[,.]$", "")) && kept.length() < LONG_REPLY.length() / 2,
                            "the history keeps the start the room heard, not the rest: " + kept);
                }
                JsonObject ai = ShowCalls.get(SERVER, "/api/show").getJsonObject("ai");
                System.out.println("AI on air: " + ai);
                JsonObject bargeIns = ai.getJsonObject("bargeInMillis");
                assertEquals(2, bargeIns.getInt("count"), ai.toString());
                assertTrue(bargeIns.getInt("max") <= 200, "speech over the AI silences it within 200 ms: " + ai);

                List<JsonObject> turns = ShowCalls.get(SERVER, "/api/show/ai/conversation").getJsonArray("turns")
                        .getValuesAs(JsonObject.class);
                List<String> labelled = turns.stream().map(t -> t.getString("kind") + " " + t.getString("speaker")
                        + (t.getBoolean("interrupted") ? " (cut)" : "")).toList();
                System.out.println("The studio's conversation: " + labelled);
                assertTrue(labelled.containsAll(List.of("host Host", "caller Kate", "persona Max",
                        "persona Max (cut)")), labelled.toString());
                assertTrue(turns.stream().filter(t -> !t.getString("kind").equals("persona"))
                        .allMatch(t -> !t.isNull("mood")), "every person's turn has a mood: " + turns);

                // Kate's call ends while she is on air, mid-sentence (the host stays: leaving, the host would put
                // her back on hold).
                call = kate.get(60, TimeUnit.SECONDS);
                lastWordsKept(events, kateSid);
            }

            Pcm16 kateHeard = ShowCalls.heard(heard, call.callSid());
            double max = ShowCalls.hears(kateHeard, ShowCalls.spoken("That is wonderful."), 42_000, 52_000);
            System.out.println("Kate hears Max's answer at " + String.format("%.2f", max));
            assertTrue(max > 0.6, "the caller on air hears the persona: " + max);

            followUp(events, kateSid);
        }

        assertEquals(200, ShowCalls.post(SERVER, "/api/shows/" + showId + "/end").statusCode());
        exportsParse(showId);
        stemsHoldTheRightVoices(showId);
    }

    /** Kate's call ended while she was speaking: what she said is in the studio and on her call's record. */
    private static void lastWordsKept(ShowCalls.Events events, String kateSid) throws Exception {
        awaitFinal(events, "caller", "Kate", KATE_HANGS_UP);
        List<String> turns = ParleyServer.call(SERVER, kateSid).getJsonArray("turns").getValuesAs(JsonObject.class)
                .stream().map(t -> t.getString("speaker") + ": " + t.getString("text")).toList();
        assertTrue(turns.contains("caller: " + KATE_HANGS_UP), "her call's record keeps her last words: " + turns);
    }

    /**
     * Kate has hung up: her segment is summarised by the model (the fake says {@link #KATE_SUMMARY}); with auto
     * follow-up on, the model picks Dot, who phones in 3 s after Kate left the air with the summary in her prompt's
     * "earlier in the show" block; then the host asks for another follow-up on Kate.
     */
    private static void followUp(ShowCalls.Events events, String kateSid) throws Exception {
        JsonObject segment = events.await(e -> e.name().equals("segment") && e.data().getString("callSid")
                .equals(kateSid), Duration.ofSeconds(15), "Kate's segment summarised").data();
        assertEquals(KATE_SUMMARY, segment.getString("summary"));
        assertEquals("music", segment.getString("topic"));
        String summaryRequest = models.chatRequests().stream().map(AiOnAirIT::text)
                .filter(t -> t.contains("The caller: Kate, on music")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary request"));
        assertTrue(summaryRequest.contains("Kate: " + KATE_CELLO) && summaryRequest.contains("Host: " + HOST_WELCOME),
                "the model summarises the labelled segment: " + summaryRequest);
        assertTrue(summaryRequest.contains("Kate: " + KATE_HANGS_UP), "up to her last words: " + summaryRequest);

        // The automatic follow-up.
        awaitFinal(events, "persona", "Dot", DOT_FOLLOWS_UP);
        JsonObject state = ShowCalls.get(SERVER, "/api/show/followup");
        assertEquals(KATE_SUMMARY, state.getJsonArray("segments").getJsonObject(0).getString("summary"));
        JsonObject automatic = state.getJsonArray("followUps").getJsonObject(0);
        assertEquals("Dot", automatic.getString("persona"), automatic.toString());
        assertTrue(automatic.getBoolean("auto"), automatic.toString());
        assertEquals("the model picked Dot", automatic.getString("why"));
        long afterLeaving = Duration.between(java.time.Instant.parse(segment.getString("offAir")),
                java.time.Instant.parse(automatic.getString("at"))).toMillis();
        System.out.println("The automatic follow-up came " + afterLeaving + " ms after Kate left the air");
        assertTrue(afterLeaving >= 2_900 && afterLeaving < 8_000, "the delay, from leaving the air: " + afterLeaving);
        String dotsPrompt = models.chatRequests().stream().map(AiOnAirIT::text)
                .filter(t -> t.contains("has just phoned in to follow up on Kate's call")).findFirst()
                .orElseThrow(() -> new AssertionError("no follow-up request"));
        System.out.println("Dot's follow-up prompt: " + dotsPrompt);
        assertTrue(dotsPrompt.contains("Earlier in the show:\n- Kate, on music: " + KATE_SUMMARY), dotsPrompt);
        assertTrue(dotsPrompt.contains("You are Dot"), dotsPrompt);
        assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show/followup", "{\"auto\": false}").statusCode());

        // Bad requests, then the host's own follow-up.
        assertEquals(400, ShowCalls.send(SERVER, "POST", "/api/show/followup", "{\"callSid\": 7}").statusCode());
        assertEquals(404, ShowCalls.send(SERVER, "POST", "/api/show/followup", "{\"callSid\": \"CAnobody\"}")
                .statusCode());
        assertEquals(400, ShowCalls.send(SERVER, "PUT", "/api/show/followup", "{\"auto\": \"yes\"}").statusCode());
        assertEquals(400, ShowCalls.send(SERVER, "PUT", "/api/show/followup", "{\"auto\": true, \"delaySeconds\":"
                + " 99999}").statusCode());
        HttpResponse<String> followUp = ShowCalls.send(SERVER, "POST", "/api/show/followup",
                "{\"callSid\": \"" + kateSid + "\"}");
        assertEquals(200, followUp.statusCode(), followUp.body());
        JsonObject made = ParleyServer.json(followUp);
        assertEquals("Dot", made.getString("persona"), made.toString());
        assertFalse(made.getBoolean("auto"));
        events.await(e -> events.named("transcript").stream().filter(t -> t.data().getBoolean("final")
                && "Dot".equals(t.data().getString("speaker"))).count() >= 2, Duration.ofSeconds(15),
                "Dot's second follow-up");
    }

    /** The persona says {@code answer}; a segment's summary request gets {@link #KATE_SUMMARY}. */
    private static java.util.function.Function<String, String> replying(String answer) {
        return said -> said.startsWith("The caller: ") ? KATE_SUMMARY : answer;
    }

    /** A chat request's messages as one text. */
    private static String text(JsonObject request) {
        return request.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("content")).reduce("", (a, b) -> a + "\n" + b);
    }

    /** The show's transcript in JSON and WebVTT (captions and chapters), read back. */
    private static void exportsParse(long showId) throws Exception {
        JsonObject json = ShowCalls.get(SERVER, "/api/shows/" + showId + "/transcript?format=json");
        List<String> speakers = json.getJsonArray("turns").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("kind") + " " + t.getString("speaker")).distinct().toList();
        assertTrue(speakers.containsAll(List.of("host Host", "caller Kate", "persona Max", "persona Dot")),
                speakers.toString());
        List<String> chapters = json.getJsonArray("chapters").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("title")).toList();
        String dotOnKate = "Dot (AI caller): following up on Kate";
        assertEquals(List.of("Opening", "Kate: music", dotOnKate, dotOnKate + " (2)"), chapters);
        assertEquals(KATE_SUMMARY, json.getJsonArray("chapters").getJsonObject(1).getString("summary", ""),
                "Kate's chapter has her segment's summary");

        HttpResponse<String> captionsResponse = ParleyServer.send(ParleyServer.api(SERVER, "/api/shows/" + showId
                + "/transcript?format=vtt").GET().build());
        assertTrue(captionsResponse.headers().firstValue("Content-Type").orElse("").startsWith("text/vtt"));
        String vtt = captionsResponse.body();
        JsonObject captions = io.parley.api.SubtitleParsers.webVtt(vtt);
        assertEquals(0, captions.getJsonArray("errors").size(), captions + "\n" + vtt);
        List<String> cues = captions.getJsonArray("cues").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("text")).toList();
        assertTrue(cues.contains("<v Host>" + HOST_WELCOME) && cues.contains("<v Kate>" + KATE_CELLO)
                && cues.contains("<v Max>" + SHORT_REPLY), cues.toString());
        assertTrue(vtt.contains(": Kate: music"), "a chapter note where Kate came on air: " + vtt);
        JsonObject track = io.parley.api.SubtitleParsers.webVtt(ParleyServer.send(ParleyServer.api(SERVER,
                "/api/shows/" + showId + "/transcript?format=chapters").GET().build()).body());
        assertEquals(List.of("Opening", "Kate: music", dotOnKate, dotOnKate + " (2)"), track.getJsonArray("cues")
                .getValuesAs(JsonObject.class).stream().map(c -> c.getString("text")).toList());
    }

    /** The recording: the mix and a stem each for the host, Kate and Max, each holding its own voice only. */
    private static void stemsHoldTheRightVoices(long showId) throws Exception {
        JsonObject show = ShowCalls.get(SERVER, "/api/shows/" + showId);
        List<String> stems = show.getJsonArray("stems").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("name")).toList();
        System.out.println("The show's stems: " + stems);
        String kateStem = stems.stream().filter(s -> s.startsWith("kate-")).findFirst()
                .orElseThrow(() -> new AssertionError("no stem for Kate: " + stems));
        assertTrue(stems.containsAll(List.of("host", "max")), stems.toString());
        Pcm16 mix = wav("/api/shows/" + showId + "/recording");
        Pcm16 host = wav("/api/shows/" + showId + "/recording/host");
        Pcm16 kate = wav("/api/shows/" + showId + "/recording/" + kateStem);
        Pcm16 max = wav("/api/shows/" + showId + "/recording/max");
        assertEquals(mix.sampleCount(), host.sampleCount(), 8000, "the stems run with the mix");
        Pcm16 welcome = ShowCalls.spoken(HOST_WELCOME);
        Pcm16 cello = ShowCalls.spoken(KATE_CELLO);
        Pcm16 wonderful = ShowCalls.spoken("That is wonderful.");
        double hostHasHost = ShowCalls.hears(host, welcome, 20_000, 34_000);
        double kateHasKate = ShowCalls.hears(kate, cello, 34_000, 50_000);
        double maxHasMax = ShowCalls.hears(max, wonderful, 40_000, 56_000);
        double kateHasHost = ShowCalls.hears(kate, welcome, 20_000, 34_000);
        // Max's first answer, some 45 s in, between the host's two sentences (25 s and 52 s in).
        double hostHasMax = ShowCalls.hears(host, wonderful, 42_000, 50_000);
        double mixHasKate = ShowCalls.hears(mix, cello, 34_000, 50_000);
        System.out.printf("Stems: host hears the host %.2f, Kate %.2f, Max %.2f; Kate's stem has the host %.2f, the"
                + " host's has Max %.2f; the mix has Kate %.2f%n", hostHasHost, kateHasKate, maxHasMax, kateHasHost,
                hostHasMax, mixHasKate);
        assertTrue(hostHasHost > 0.8 && kateHasKate > 0.8 && maxHasMax > 0.8 && mixHasKate > 0.8,
                "each voice in its stem and in the mix");
        assertTrue(kateHasHost < 0.3 && hostHasMax < 0.3, "and in no one else's");
    }

    private static Pcm16 wav(String path) throws Exception {
        HttpResponse<byte[]> response = ParleyServer.HTTP.send(ParleyServer.api(SERVER, path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return io.parley.audio.WavFile.read(new java.io.ByteArrayInputStream(response.body()));
    }

    /**
     * Auto mode with the host alone and Max: after each pause Max is asked whether to speak (the fake says yes) and
     * speaks; never while the host speaks (a short breath between two sentences is no pause); and not again until
     * the cooldown after its last turn (parleyRemoteIT: a pause of 1 s, a cooldown of 8 s). Checked on the fake's
     * recorded judgement requests against the times the host spoke.
     */
    @Test
    void inAutoModeThePersonaSpeaksAfterAPauseNeverDuringSpeechAndRespectsTheCooldown() throws Exception {
        models.healthy();
        models.structured(request -> request.getJsonArray("messages").getJsonObject(0).getString("content")
                .contains("decide whether") ? "{\"speak\": true}" : "{\"mood\": \"calm\"}");
        models.replier(said -> "Good point, and thanks.");
        try (ShowCalls.Events events = new ShowCalls.Events(SERVER); HostMic host = new HostMic(SERVER)) {
            assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show/ai/personas/" + maxId, "").statusCode());
            HttpResponse<String> auto = ShowCalls.send(SERVER, "PUT", "/api/show/ai/mode", "{\"mode\": \"auto\"}");
            assertEquals(200, auto.statusCode(), auto.body());
            int before = models.timedChatRequests().size();
            try {
                models.transcriber(audio -> "The harbour was busy this morning.");
                host.say("The harbour was busy this morning.");
                awaitPersonaTurns(events, 1, Duration.ofSeconds(15));
                long firstEnded = System.nanoTime();

                models.transcriber(audio -> "And the ferries ran late again.");
                host.say("And the ferries ran late again.");
                awaitPersonaTurns(events, 2, Duration.ofSeconds(20));
                long secondEnded = System.nanoTime();

                // Past the cooldown, a breath between two sentences is still no pause.
                Thread.sleep(8_500);
                models.transcriber(audio -> "The fog came in at noon.");
                host.say("The fog came in at noon.");
                host.pause(450);
                host.say("Nobody could see the lighthouse.");
                awaitPersonaTurns(events, 3, Duration.ofSeconds(25));

                List<Long> judged = models.timedChatRequests().subList(before, models.timedChatRequests().size())
                        .stream().filter(r -> r.request().getJsonArray("messages").getJsonObject(0)
                                .getString("content").contains("decide whether"))
                        .map(FakeModelServer.TimedRequest::nanos).toList();
                List<long[]> spoken = host.spoken();
                System.out.println("Auto mode: judgements at " + judged.stream().map(t -> (t - spoken.get(0)[0])
                        / 1_000_000 + " ms").toList() + "; the host spoke " + spoken.stream().map(s -> "["
                        + (s[0] - spoken.get(0)[0]) / 1_000_000 + ", " + (s[1] - spoken.get(0)[0]) / 1_000_000
                        + "] ms").toList());
                assertEquals(3, judged.size(), "one judgement per pause after speech; the sentences either side of"
                        + " a breath are not judged apart");
                for (long t : judged) {
                    for (long[] s : spoken) {
                        assertFalse(t > s[0] && t < s[1], "judged while the host was speaking");
                    }
                    long lastEnd = spoken.stream().mapToLong(s -> s[1]).filter(end -> end < t).max().orElseThrow();
                    assertTrue(t - lastEnd >= 900_000_000L, "judged " + (t - lastEnd) / 1_000_000
                            + " ms after the host's speech ended: not a pause of 1 s");
                }
                assertTrue(judged.get(1) - firstEnded >= 7_800_000_000L, "the second judgement waited out the"
                        + " cooldown: " + (judged.get(1) - firstEnded) / 1_000_000 + " ms after Max's first turn");
                assertTrue(judged.get(2) - secondEnded >= 7_800_000_000L, "and the third: "
                        + (judged.get(2) - secondEnded) / 1_000_000 + " ms");
                JsonObject ai = ShowCalls.get(SERVER, "/api/show/ai");
                assertEquals("auto", ai.getString("mode"));
                assertTrue(ai.getJsonArray("decisions").size() >= 3, ai.toString());
            } finally {
                ShowCalls.send(SERVER, "PUT", "/api/show/ai/mode", "{\"mode\": \"manual\"}");
                ShowCalls.send(SERVER, "DELETE", "/api/show/ai/personas/" + maxId, "");
            }
        }
    }

    /** Waits until the persona has had {@code n} turns, heard whole. */
    private static void awaitPersonaTurns(ShowCalls.Events events, int n, Duration limit) throws InterruptedException {
        events.await(e -> events.named("transcript").stream().filter(t -> t.data().getBoolean("final")
                && "persona".equals(t.data().getString("kind", ""))).count() >= n, limit, "persona turn " + n);
    }

    /** Waits until {@code millis} after {@code since}. */
    private static void at(long since, long millis) throws InterruptedException {
        long wait = since + millis * 1_000_000L - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static JsonObject awaitFinal(ShowCalls.Events events, String kind, String speaker, String text)
            throws InterruptedException {
        return events.await(e -> e.name().equals("transcript") && e.data().getBoolean("final")
                        && kind.equals(e.data().getString("kind", "")) && speaker.equals(e.data().getString("speaker"))
                        && e.data().getString("text").equals(text), Duration.ofSeconds(15),
                kind + " " + speaker + " saying \"" + text + "\"").data();
    }

    /** The {@code n}th persona line cut short. */
    private static JsonObject awaitInterrupted(ShowCalls.Events events, int n) throws InterruptedException {
        events.await(e -> events.named("transcript").stream().filter(t -> t.data().getBoolean("interrupted", false))
                .count() >= n, Duration.ofSeconds(15), "persona line " + n + " cut short");
        return events.named("transcript").stream().filter(t -> t.data().getBoolean("interrupted", false))
                .skip(n - 1).findFirst().orElseThrow().data();
    }

    /** The persona's chat request made after the first {@code before}: its messages as one text. */
    private static String promptAfter(int before) {
        return models.chatRequests().subList(before, models.chatRequests().size()).stream()
                .map(r -> r.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("content")).reduce("", (a, b) -> a + "\n" + b))
                .filter(text -> text.contains("speaks.)")).findFirst()
                .orElseThrow(() -> new AssertionError("no persona request among " + models.chatRequests()));
    }
}
