package io.parley.models.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a Vosk model on disk. Vosk reads a folder (with {@code am/final.mdl}); models are shipped as archives
 * (Vosk's zips, the Maven {@code aar} with the model under {@code assets/model-en-us/}), so an archive is
 * unpacked once into a cache folder named after its size and its model's checksum, and reused by later starts.
 */
public final class VoskModelFiles {

    private static final Logger LOG = Logger.getLogger(VoskModelFiles.class.getName());
    private static final String MARKER = "am/final.mdl";

    private VoskModelFiles() {
    }

    /** The model folder for {@code location} (a folder or an archive), unpacking into {@code cache} if needed. */
    public static Path locate(Path location, Path cache) throws IOException {
        if (Files.isDirectory(location)) {
            if (Files.isRegularFile(location.resolve(MARKER))) {
                return location;
            }
            try (var found = Files.find(location, 4, (p, a) -> p.endsWith(Path.of("am", "final.mdl")))) {
                return found.findFirst().map(p -> p.getParent().getParent())
                        .orElseThrow(() -> new IOException("no Vosk model (" + MARKER + ") under " + location));
            }
        }
        if (!Files.isRegularFile(location)) {
            throw new IOException("no Vosk model at " + location + " (neither a folder nor an archive)");
        }
        Path target = cache.resolve(location.getFileName() + "-" + Files.size(location) + "-" + fingerprint(location));
        if (Files.isRegularFile(target.resolve(MARKER))) {
            return target;
        }
        unpack(location, target);
        return target;
    }

    private static void unpack(Path archive, Path target) throws IOException {
        long started = System.nanoTime();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        deleteTree(partial);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String prefix = modelPrefix(zip).orElseThrow(() ->
                    new IOException("the archive " + archive + " holds no Vosk model (" + MARKER + ")"));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                Path out = partial.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("the archive " + archive + " has an entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteTree(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(() -> "Unpacked the Vosk model " + archive + " into " + target + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** The CRC of the acoustic model inside the archive: the same model copied anew keeps its cache folder. */
    private static String fingerprint(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().filter(e -> e.getName().endsWith(MARKER)).findFirst()
                    .map(e -> Long.toHexString(e.getCrc())).orElse("none");
        }
    }

    private static Optional<String> modelPrefix(ZipFile zip) {
        return zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(MARKER))
                .map(n -> n.substring(0, n.length() - MARKER.length())).findFirst();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
