package io.parley.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Deletes finished recordings older than the retention time ({@code parley.recording.retention-days}), by the
 * time each file was last written (when its call ended), and the day folders that are left empty. Unfinished
 * recordings are not touched: start-up repair owns them.
 */
final class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());

    private RetentionPurge() {
    }

    /**
     * @param forgotten told of each call whose recording was deleted (its SID)
     * @return how many recordings were deleted
     */
    static int run(Path directory, Duration keep, Instant now, Consumer<String> forgotten) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(now.minus(keep));
        List<Path> expired = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(".wav") && Files.isRegularFile(p))
                    .filter(p -> modified(p).compareTo(cutoff) < 0).forEach(expired::add);
        }
        int deleted = 0;
        for (Path wav : expired) {
            try {
                Files.deleteIfExists(wav);
                String name = wav.getFileName().toString();
                forgotten.accept(name.substring(0, name.length() - ".wav".length()));
                deleted++;
            } catch (IOException e) {
                LOG.warning(() -> "Recordings: " + wav + " is past its retention but could not be deleted ("
                        + e.getMessage() + ")");
            }
        }
        removeEmptyDays(directory, now);
        return deleted;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.from(Instant.MAX); // gone meanwhile, or unreadable: not ours to delete now
        }
    }

    /** Empty day folders before yesterday: today's may be about to take a recording. */
    private static void removeEmptyDays(Path directory, Instant now) throws IOException {
        String yesterday = Recordings.DAY.format(now.minus(Duration.ofDays(1)));
        try (DirectoryStream<Path> days = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path day : days) {
                String name = day.getFileName().toString();
                if (!name.matches("\\d{4}-\\d{2}-\\d{2}") || name.compareTo(yesterday) >= 0) {
                    continue;
                }
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(day)) {
                    if (!inside.iterator().hasNext()) {
                        Files.deleteIfExists(day);
                    }
                } catch (IOException e) {
                    // a recording was started in it meanwhile
                }
            }
        }
    }
}
