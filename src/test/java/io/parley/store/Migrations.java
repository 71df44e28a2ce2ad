package io.parley.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How many versioned migrations Parley ships (the {@code V*__*.sql} files), so tests need not be told each time. */
final class Migrations {

    private Migrations() {
    }

    static int count() {
        try (Stream<Path> files = Files.list(Path.of(Migrations.class.getClassLoader().getResource("db/migration")
                .toURI()))) {
            return (int) files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
