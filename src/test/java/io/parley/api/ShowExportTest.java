package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.store.ChapterRow;
import io.parley.store.ShowRow;
import io.parley.store.ShowTurnRow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A show's transcript exports, the WebVTT ones read back by the W3C's parser. */
class ShowExportTest {

    private static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    private static final ShowRow SHOW = new ShowRow(7, "Late <Night> Call-In", "s", T0, T0.plusSeconds(120), null);
    private static final List<ShowTurnRow> TURNS = List.of(
            new ShowTurnRow(7, 1, "Host", "host", "host", "Good evening, and welcome.", T0.plusMillis(1_500),
                    T0.plusMillis(3_000), false, "excited"),
            new ShowTurnRow(7, 2, "Max", "persona", "persona-1", "Evening! Who's first -->", T0.plusMillis(3_500),
                    T0.plusMillis(5_000), true, null),
            new ShowTurnRow(7, 3, "Kate", "caller", "CA1", "I play the cello & the <viola>.", T0.plusSeconds(21),
                    T0.plusSeconds(24), false, "calm"),
            new ShowTurnRow(7, 4, "Host", "host", "host", "Wonderful.", T0.plusSeconds(25), T0.plusSeconds(26), false,
                    null));
    private static final List<ChapterRow> CHAPTERS = List.of(
            new ChapterRow(7, 1, "Opening", T0, null, null, null),
            new ChapterRow(7, 2, "Kate: music", T0.plusSeconds(20), "CA1", null, "Kate plays the cello."));

    private static String render(ShowExport.Format format) {
        return new ShowExport(SHOW, TURNS, CHAPTERS).render(format);
    }

    @Test
    void captionsParseWithEverySpeakerAndTheChaptersAsNotes() throws Exception {
        String vtt = render(ShowExport.Format.VTT);
        JsonObject parsed = SubtitleParsers.webVtt(vtt);
        assertEquals(0, parsed.getJsonArray("errors").size(), parsed + "\n" + vtt);
        List<JsonObject> cues = parsed.getJsonArray("cues").getValuesAs(JsonObject.class);
        assertEquals(4, cues.size());
        assertEquals(1.5, cues.get(0).getJsonNumber("start").doubleValue(), 0.001);
        assertEquals("<v Host>Good evening, and welcome.", cues.get(0).getString("text"));
        assertEquals("<v Max>Evening! Who's first -&gt;", cues.get(1).getString("text"));
        assertEquals("<v Kate>I play the cello &amp; the &lt;viola&gt;.", cues.get(2).getString("text"));
        assertTrue(vtt.contains("NOTE Chapter 2 at 00:00:20.000: Kate: music"), vtt);
    }

    @Test
    void theChaptersTrackHasACuePerChapterToTheShowsEnd() throws Exception {
        JsonObject parsed = SubtitleParsers.webVtt(render(ShowExport.Format.CHAPTERS));
        assertEquals(0, parsed.getJsonArray("errors").size(), parsed.toString());
        List<JsonObject> cues = parsed.getJsonArray("cues").getValuesAs(JsonObject.class);
        assertEquals(List.of("Opening", "Kate: music"), cues.stream().map(c -> c.getString("text")).toList());
        assertEquals(0.0, cues.get(0).getJsonNumber("start").doubleValue(), 0.001);
        assertEquals(20.0, cues.get(0).getJsonNumber("end").doubleValue(), 0.001);
        assertEquals(120.0, cues.get(1).getJsonNumber("end").doubleValue(), 0.001, "the last runs to the show's end");
    }

    @Test
    void jsonHasTurnsWithSpeakersAndTimesAndChaptersWithTheirStarts() {
        JsonObject json = Json.createReader(new StringReader(render(ShowExport.Format.JSON))).readObject();
        assertEquals("Late <Night> Call-In", json.getString("title"));
        assertEquals(List.of("Host", "Max", "Kate", "Host"), json.getJsonArray("turns").getValuesAs(JsonObject.class)
                .stream().map(t -> t.getString("speaker")).toList());
        JsonObject kate = json.getJsonArray("turns").getJsonObject(2);
        assertEquals(21.0, kate.getJsonNumber("start").doubleValue(), 0.001);
        assertEquals("calm", kate.getString("mood"));
        assertEquals("2026-12-04T20:00:21Z", kate.getString("at"));
        JsonObject chapter = json.getJsonArray("chapters").getJsonObject(1);
        assertEquals("Kate: music", chapter.getString("title"));
        assertEquals(20.0, chapter.getJsonNumber("start").doubleValue(), 0.001);
        assertEquals("Kate plays the cello.", chapter.getString("summary"));
    }

    @Test
    void textAndMarkdownPutEachTurnUnderItsChapter() {
        String text = render(ShowExport.Format.TEXT);
        assertTrue(text.indexOf("== 00:00 Opening ==") < text.indexOf("[00:01] Host: Good evening"), text);
        assertTrue(text.indexOf("== 00:20 Kate: music ==") < text.indexOf("[00:21] Kate: I play the cello"), text);
        assertTrue(text.contains("[00:03] Max: Evening! Who's first --> [cut off]"), text);
        String md = render(ShowExport.Format.MARKDOWN);
        assertTrue(md.startsWith("# Late \\<Night\\> Call-In"), md);
        assertTrue(md.contains("## Kate: music `00:20`\n\n*Kate plays the cello.*"), md);
        assertTrue(md.contains("**Kate** `00:21`: I play the cello & the \\<viola\\>."), md);
    }
}
