package io.parley.api;

import com.github.dnbn.submerge.api.parser.SRTParser;
import com.github.dnbn.submerge.api.subtitle.srt.SRTLine;
import com.github.dnbn.submerge.api.subtitle.srt.SRTSub;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Other people's parsers, to check Parley's transcripts with: the W3C's WebVTT parser (the npm package
 * {@code webvtt-parser}, installed under {@code target/} and run with Node.js) and submerge's SRT parser. Where
 * Node.js or npm is missing the WebVTT check is skipped with the reason, unless {@code PARLEY_REQUIRE_NODE} is
 * true (CI), when it fails.
 */
public final class SubtitleParsers {

    private static final Path HOME = Path.of("target", "webvtt-parser");
    private static final String PARSE = "const {WebVTTParser} = require(process.argv[1]);"
            + "const t = new WebVTTParser().parse(require('fs').readFileSync(0, 'utf8'), 'metadata');"
            + "console.log(JSON.stringify({errors: t.errors, cues: t.cues.map(c => ({start: c.startTime, "
            + "end: c.endTime, text: c.text}))}));";

    private SubtitleParsers() {
    }

    /** What the W3C parser makes of {@code vtt}: {@code errors} (an array) and {@code cues}. */
    public static synchronized JsonObject webVtt(String vtt) throws IOException, InterruptedException {
        Path module = HOME.resolve("node_modules/webvtt-parser").toAbsolutePath();
        if (!Files.isDirectory(module)) {
            run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                    "webvtt-parser@2.2.0"), null);
        }
        String out = run(List.of("node", "-e", PARSE, module.toString()), vtt);
        return Json.createReader(new StringReader(out)).readObject();
    }

    /** The lines submerge's SRT parser reads in {@code srt}; it throws on a malformed file. */
    public static List<SRTLine> srt(String srt) {
        SRTSub sub = new SRTParser().parse(new ByteArrayInputStream(srt.getBytes(StandardCharsets.UTF_8)),
                "transcript.srt");
        return List.copyOf(sub.getLines());
    }

    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            String why = command.get(0) + " is not installed (" + e.getMessage() + "): the WebVTT check is skipped";
            if (Boolean.parseBoolean(System.getenv("PARLEY_REQUIRE_NODE"))) {
                Assertions.fail(why + ", and PARLEY_REQUIRE_NODE is set");
            }
            Assumptions.abort(why);
            throw e;
        }
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + out);
        }
        return out;
    }
}
