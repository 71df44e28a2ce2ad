package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A call's conversation as a transcript, in the formats people read and tools import. Each turn is a cue: it
 * begins where the turn before it ended (the first where the call was answered) and ends when the turn was
 * recorded, so cues follow each other without overlapping. Offsets are from the answer.
 */
public final class Transcript {

    /** The formats, by {@code ?format=} name and media type. */
    public enum Format {
        TEXT("text", "text/plain"),
        MARKDOWN("markdown", "text/markdown"),
        JSON("json", "application/json"),
        VTT("vtt", "text/vtt"),
        SRT("srt", "application/x-subrip");

        final String name;
        final String mediaType;

        Format(String name, String mediaType) {
            this.name = name;
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType + (this == JSON ? "" : ";charset=utf-8");
        }

        static Optional<Format> named(String name) {
            for (Format f : values()) {
                if (f.name.equals(name.toLowerCase(Locale.ROOT)) || f.mediaType.equals(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        static String names() {
            return "text, markdown, json, vtt, srt";
        }
    }

    /** One line of the conversation, timed from the answer. */
    record Cue(String speaker, String text, Duration start, Duration end, boolean interrupted) {
    }

    private final CallRecord call;
    private final List<Cue> cues;

    Transcript(CallRecord call) {
        this.call = call;
        this.cues = cues(call);
    }

    static List<Cue> cues(CallRecord call) {
        Instant origin = call.answeredAt() != null ? call.answeredAt() : call.createdAt();
        List<Cue> cues = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (ConversationTurn turn : call.turns()) {
            if (turn.text() == null || turn.text().isBlank()) {
                continue; // a reply that failed before a word was heard
            }
            Duration end = Duration.between(origin, turn.at());
            if (end.compareTo(previous) <= 0) {
                end = previous.plusMillis(1);
            }
            cues.add(new Cue(label(turn.speaker()), turn.text().strip(), previous, end, turn.interrupted()));
            previous = end;
        }
        return cues;
    }

    private static String label(String speaker) {
        return ConversationTurn.AGENT.equals(speaker) ? "Agent" : "Caller";
    }

    String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case MARKDOWN -> markdown();
            case JSON -> json();
            case VTT -> vtt();
            case SRT -> srt();
        };
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        out.append("Call ").append(call.callSid()).append(", ").append(call.direction().label()).append(", from ")
                .append(call.from()).append(" to ").append(call.to()).append(", ").append(call.createdAt()).append('\n');
        out.append('\n');
        for (Cue cue : cues) {
            out.append('[').append(minutes(cue.start())).append("] ").append(cue.speaker()).append(": ")
                    .append(cue.text()).append(cue.interrupted() ? " [interrupted]" : "").append('\n');
        }
        return out.toString();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Call ").append(call.callSid()).append("\n\n");
        out.append("- Direction: ").append(call.direction().label()).append('\n');
        out.append("- From: ").append(markdownText(call.from())).append('\n');
        out.append("- To: ").append(markdownText(call.to())).append('\n');
        out.append("- Started: ").append(call.createdAt()).append('\n');
        if (call.endReason() != null) {
            out.append("- Ended: ").append(markdownText(call.endReason())).append('\n');
        }
        out.append('\n');
        for (Cue cue : cues) {
            out.append("**").append(cue.speaker()).append("** `").append(minutes(cue.start())).append("`: ")
                    .append(markdownText(cue.text())).append(cue.interrupted() ? " *(interrupted)*" : "").append("\n\n");
        }
        return out.toString();
    }

    private String json() {
        JsonArrayBuilder turns = Json.createArrayBuilder();
        for (Cue cue : cues) {
            turns.add(Json.createObjectBuilder().add("speaker", cue.speaker().toLowerCase(Locale.ROOT))
                    .add("start", seconds(cue.start())).add("end", seconds(cue.end())).add("text", cue.text())
                    .add("interrupted", cue.interrupted()));
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("callSid", call.callSid())
                .add("direction", call.direction().label()).add("createdAt", call.createdAt().toString())
                .add("turns", turns);
        if (call.from() != null) {
            body.add("from", call.from());
        }
        if (call.to() != null) {
            body.add("to", call.to());
        }
        return body.build().toString();
    }

    private String vtt() {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        out.append("NOTE Call ").append(call.callSid()).append("\n\n");
        int n = 1;
        for (Cue cue : cues) {
            out.append(n++).append('\n').append(timestamp(cue.start(), '.')).append(" --> ")
                    .append(timestamp(cue.end(), '.')).append('\n')
                    .append("<v ").append(cue.speaker()).append('>').append(vttText(cue.text())).append("\n\n");
        }
        return out.toString();
    }

    private String srt() {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (Cue cue : cues) {
            out.append(n++).append('\n').append(timestamp(cue.start(), ',')).append(" --> ")
                    .append(timestamp(cue.end(), ',')).append('\n')
                    .append(cue.speaker()).append(": ").append(oneLine(cue.text())).append("\n\n");
        }
        return out.toString();
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    static String timestamp(Duration d, char decimal) {
        long ms = d.toMillis();
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                decimal, ms % 1000);
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** A cue's text may not hold a blank line, "-->", or markup characters unescaped. */
    static String vttText(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").replace("-->", "->");
    }

    static String markdownText(String text) {
        return text == null ? "" : oneLine(text).replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
    }
}
