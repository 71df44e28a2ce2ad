package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dnbn.submerge.api.subtitle.srt.SRTLine;
import io.parley.call.CallRecord;
import io.parley.call.CallStatus;
import io.parley.call.ConversationTurn;
import io.parley.call.Direction;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static CallRecord call() {
        return CallRecord.newCall("CA" + "0".repeat(31) + "7", Direction.INBOUND, "+15551230000", "+15005550006", T0)
                .withStatus(CallStatus.IN_PROGRESS, Optional.empty(), T0.plusMillis(500), null)
                .withTurn(turn("agent", "Hello, this is Parley. How can I help?", 2_900, false))
                .withTurn(turn("caller", "What's <b>on</b> & --> off?\n\nTell me", 6_250, false))
                .withTurn(turn("agent", "", 6_400, false))
                .withTurn(turn("agent", "We open at nine", 71_040, true));
    }

    private static ConversationTurn turn(String speaker, String text, long atMillis, boolean interrupted) {
        return new ConversationTurn(speaker, text, T0.plusMillis(atMillis), interrupted, null, null, null, null);
    }

    @Test
    void textHasSpeakersAndOffsetsFromTheAnswer() {
        String text = new Transcript(call()).render(Transcript.Format.TEXT);
        assertTrue(text.contains("[00:00] Agent: Hello, this is Parley. How can I help?\n"), text);
        assertTrue(text.contains("[00:02] Caller: What's <b>on</b> & --> off?"), text);
        assertTrue(text.contains("[00:05] Agent: We open at nine [interrupted]\n"), text);
        assertEquals(3, text.lines().filter(l -> l.startsWith("[")).count(), "the empty reply is left out");
    }

    @Test
    void webVttParsesWithTheW3cParser() throws Exception {
        String vtt = new Transcript(call()).render(Transcript.Format.VTT);
        JsonObject parsed = SubtitleParsers.webVtt(vtt);
        assertEquals(0, parsed.getJsonArray("errors").size(), parsed + "\n" + vtt);
        List<JsonObject> cues = parsed.getJsonArray("cues").getValuesAs(JsonObject.class);
        assertEquals(3, cues.size());
        assertEquals(0.0, cues.get(0).getJsonNumber("start").doubleValue());
        assertEquals(2.4, cues.get(0).getJsonNumber("end").doubleValue(), 1e-9);
        assertEquals(2.4, cues.get(1).getJsonNumber("start").doubleValue(), 1e-9);
        assertEquals("<v Caller>What's &lt;b&gt;on&lt;/b&gt; &amp; -&gt; off? Tell me",
                cues.get(1).getString("text"));
        assertEquals(70.54, cues.get(2).getJsonNumber("end").doubleValue(), 1e-9);
        assertTrue(cues.get(2).getString("text").startsWith("<v Agent>"));
    }

    @Test
    void srtParsesWithAnSrtParser() {
        String srt = new Transcript(call()).render(Transcript.Format.SRT);
        List<SRTLine> lines = SubtitleParsers.srt(srt);
        assertEquals(3, lines.size(), srt);
        assertTrue(srt.contains("00:00:02,400 --> 00:00:05,750\nCaller: What's <b>on</b> & -> off? Tell me\n"), srt);
        assertTrue(srt.startsWith("1\n00:00:00,000 --> 00:00:02,400\nAgent: Hello"), srt);
    }

    @Test
    void markdownEscapesWhatItMustAndJsonHasSecondsAndSpeakers() {
        Transcript t = new Transcript(call());
        String md = t.render(Transcript.Format.MARKDOWN);
        assertTrue(md.startsWith("# Call CA"), md);
        assertTrue(md.contains("**Caller** `00:02`: What's \\<b\\>on\\</b\\> & -\\> off? Tell me"), md);
        String json = t.render(Transcript.Format.JSON);
        assertTrue(json.contains("{\"speaker\":\"agent\",\"start\":0.0,\"end\":2.4,\"text\":\"Hello, this is Parley."
                + " How can I help?\",\"interrupted\":false}"), json);
    }
}
