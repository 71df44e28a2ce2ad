package it.io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The logs of the server the build started for the tests ({@code liberty.server}, parleyIT by default). */
public final class ServerLogs {

    public static final Path DIR = Path.of("target", "liberty", "wlp", "usr", "servers",
            System.getProperty("liberty.server", "parleyIT"), "logs");

    private ServerLogs() {
    }

    /** Lines of messages.log that contain {@code fragment} (Liberty writes it asynchronously: poll for new ones). */
    public static long lines(String fragment) {
        return count("messages.log", line -> line.contains(fragment));
    }

    /** Lines of {@code file} (messages.log, console.log) that match. */
    public static long count(String file, Predicate<String> matching) {
        try (Stream<String> lines = Files.lines(DIR.resolve(file))) {
            return lines.filter(matching).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FFDC files: Liberty writes one for an exception nothing handled. */
    public static long ffdcFiles() {
        Path ffdc = DIR.resolve("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
