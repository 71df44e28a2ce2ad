package io.parley.api;

import static io.parley.api.Transcript.markdownText;
import static io.parley.api.Transcript.minutes;
import static io.parley.api.Transcript.oneLine;
import static io.parley.api.Transcript.seconds;
import static io.parley.api.Transcript.timestamp;
import static io.parley.api.Transcript.vttText;

import io.parley.store.ChapterRow;
import io.parley.store.ShowRow;
import io.parley.store.ShowTurnRow;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A show's transcript in the formats people read and tools import: every turn with its speaker and time from the
 * show's start, and chapter markers (one per caller or segment, titled by topic). WebVTT comes as captions (each
 * turn a cue with its speaker as the voice, and each chapter as a {@code NOTE} where it begins) or as a chapters
 * track ({@code chapters}: one cue per chapter, its title the cue's text), which players show as a chapter menu.
 */
final class ShowExport {

    /** The formats, by {@code ?format=} name and media type. */
    enum Format {
        TEXT("text", "text/plain"),
        MARKDOWN("markdown", "text/markdown"),
        JSON("json", "application/json"),
        VTT("vtt", "text/vtt"),
        CHAPTERS("chapters", "text/vtt;kind=chapters");

        final String name;
        final String mediaType;

        Format(String name, String mediaType) {
            this.name = name;
            this.mediaType = mediaType;
        }

        String mediaType() {
            return this == JSON ? mediaType : (this == CHAPTERS ? "text/vtt" : mediaType) + ";charset=utf-8";
        }

        static Optional<Format> named(String name) {
            String wanted = name.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.name.equals(wanted) || (f != CHAPTERS && f.mediaType.equals(wanted))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        static String names() {
            return "text, markdown, json, vtt, chapters";
        }
    }

    private final ShowRow show;
    private final List<ShowTurnRow> turns;
    private final List<ChapterRow> chapters;

    ShowExport(ShowRow show, List<ShowTurnRow> turns, List<ChapterRow> chapters) {
        this.show = show;
        this.turns = turns;
        this.chapters = chapters;
    }

    String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case MARKDOWN -> markdown();
            case JSON -> json();
            case VTT -> vtt();
            case CHAPTERS -> chaptersTrack();
        };
    }

    private Duration from(Instant at) {
        Duration d = Duration.between(show.startedAt(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Where the show ends for the export: its end, or its last turn's while it runs. */
    private Instant end() {
        Instant last = turns.isEmpty() ? show.startedAt() : turns.get(turns.size() - 1).endedAt();
        return show.endedAt() != null && show.endedAt().isAfter(last) ? show.endedAt() : last;
    }

    /** The turns and chapter starts in time order: a chapter comes before the first turn that starts after it. */
    private void walk(java.util.function.Consumer<ChapterRow> chapter, java.util.function.Consumer<ShowTurnRow> turn) {
        int c = 0;
        for (ShowTurnRow t : turns) {
            while (c < chapters.size() && !chapters.get(c).startedAt().isAfter(t.startedAt())) {
                chapter.accept(chapters.get(c++));
            }
            turn.accept(t);
        }
        while (c < chapters.size()) {
            chapter.accept(chapters.get(c++));
        }
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        out.append(show.title()).append(" (show ").append(show.id()).append("), ").append(show.startedAt())
                .append(show.endedAt() == null ? ", on air" : " to " + show.endedAt()).append("\n");
        walk(c -> out.append("\n== ").append(minutes(from(c.startedAt()))).append(' ').append(c.title())
                        .append(" ==\n"),
                t -> out.append('[').append(minutes(from(t.startedAt()))).append("] ").append(t.speaker())
                        .append(": ").append(t.text()).append(t.interrupted() ? " [cut off]" : "").append('\n'));
        return out.toString();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(markdownText(show.title())).append("\n\n- Started: ").append(show.startedAt())
                .append('\n');
        if (show.endedAt() != null) {
            out.append("- Ended: ").append(show.endedAt()).append('\n');
        }
        walk(c -> out.append("\n## ").append(markdownText(c.title())).append(" `").append(minutes(from(c.startedAt())))
                        .append("`\n\n").append(c.summary() == null ? "" : "*" + markdownText(c.summary()) + "*\n\n"),
                t -> out.append("**").append(markdownText(t.speaker())).append("** `")
                        .append(minutes(from(t.startedAt()))).append("`: ").append(markdownText(t.text()))
                        .append(t.interrupted() ? " *(cut off)*" : "").append("\n\n"));
        return out.toString();
    }

    private String json() {
        JsonArrayBuilder turnList = Json.createArrayBuilder();
        for (ShowTurnRow t : turns) {
            JsonObjectBuilder turn = Json.createObjectBuilder().add("seq", t.seq()).add("speaker", t.speaker())
                    .add("kind", t.kind()).add("text", t.text()).add("at", t.startedAt().toString())
                    .add("start", seconds(from(t.startedAt()))).add("end", seconds(from(t.endedAt())))
                    .add("interrupted", t.interrupted());
            if (t.mood() != null) {
                turn.add("mood", t.mood());
            }
            turnList.add(turn);
        }
        JsonArrayBuilder chapterList = Json.createArrayBuilder();
        for (ChapterRow c : chapters) {
            JsonObjectBuilder chapter = Json.createObjectBuilder().add("title", c.title())
                    .add("start", seconds(from(c.startedAt()))).add("at", c.startedAt().toString());
            if (c.callSid() != null) {
                chapter.add("callSid", c.callSid());
            }
            if (c.summary() != null) {
                chapter.add("summary", c.summary());
            }
            chapterList.add(chapter);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("id", show.id()).add("title", show.title())
                .add("startedAt", show.startedAt().toString()).add("chapters", chapterList).add("turns", turnList);
        if (show.endedAt() != null) {
            body.add("endedAt", show.endedAt().toString());
        }
        return body.build().toString();
    }

    private String vtt() {
        StringBuilder out = new StringBuilder("WEBVTT - ").append(oneLine(show.title())).append("\n\n");
        int[] n = {1};
        walk(c -> out.append("NOTE Chapter ").append(chapters.indexOf(c) + 1).append(" at ")
                        .append(timestamp(from(c.startedAt()), '.')).append(": ")
                        .append(oneLine(c.title())).append("\n\n"),
                t -> {
                    Duration start = from(t.startedAt());
                    Duration end = from(t.endedAt());
                    if (end.compareTo(start) <= 0) {
                        end = start.plusMillis(500);
                    }
                    out.append(n[0]++).append('\n').append(timestamp(start, '.')).append(" --> ")
                            .append(timestamp(end, '.')).append('\n').append("<v ")
                            .append(voice(t.speaker())).append('>').append(vttText(t.text())).append("\n\n");
                });
        return out.toString();
    }

    private String chaptersTrack() {
        StringBuilder out = new StringBuilder("WEBVTT - ").append(oneLine(show.title())).append(" (chapters)\n\n");
        Duration showEnd = from(end());
        for (int i = 0; i < chapters.size(); i++) {
            ChapterRow c = chapters.get(i);
            Duration start = from(c.startedAt());
            Duration end = i + 1 < chapters.size() ? from(chapters.get(i + 1).startedAt()) : showEnd;
            if (end.compareTo(start) <= 0) {
                end = start.plusSeconds(1);
            }
            out.append("chapter-").append(i + 1).append('\n').append(timestamp(start, '.')).append(" --> ")
                    .append(timestamp(end, '.')).append('\n').append(vttText(c.title())).append("\n\n");
        }
        return out.toString();
    }

    /** A voice tag's annotation ends at '>': it may not hold one, nor a line break. */
    private static String voice(String speaker) {
        return oneLine(speaker).replace(">", "").replace("&", "&amp;").replace("<", "&lt;");
    }
}
