package io.parley.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPurgeTest {

    @TempDir
    Path dir;

    Path file(String relative, Instant modified) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[64]);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    @Test
    void recordingsPastTheirRetentionGoAndTheRestStay() throws Exception {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        String old = "CA" + "1".repeat(32);
        String recent = "CA" + "2".repeat(32);
        String unfinished = "CA" + "3".repeat(32);
        Path expired = file("2026-10-01/" + old + ".wav", now.minus(Duration.ofDays(31)));
        Path kept = file("2026-11-20/" + recent + ".wav", now.minus(Duration.ofDays(29)));
        Path part = file("2026-10-02/" + unfinished + ".wav.part", now.minus(Duration.ofDays(60)));
        Path stranger = file("2026-10-01/notes.txt", now.minus(Duration.ofDays(90)));
        Files.delete(stranger);
        Files.createDirectories(dir.resolve("2026-12-03")); // today's, empty: a recording may be about to start

        List<String> forgotten = new ArrayList<>();
        assertEquals(1, RetentionPurge.run(dir, Duration.ofDays(30), now, forgotten::add));

        assertEquals(List.of(old), forgotten, "the database is told which call's recording went");
        assertFalse(Files.exists(expired));
        assertFalse(Files.exists(expired.getParent()), "an emptied day folder goes too");
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(part), "unfinished recordings belong to start-up repair");
        assertTrue(Files.isDirectory(dir.resolve("2026-12-03")), "today's folder stays");
    }

    @Test
    void noFolderNoWork() throws Exception {
        assertEquals(0, RetentionPurge.run(dir.resolve("absent"), Duration.ofDays(1), Instant.now(), sid -> { }));
    }
}
