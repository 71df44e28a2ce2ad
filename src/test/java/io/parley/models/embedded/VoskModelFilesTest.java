package io.parley.models.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelFilesTest {

    @TempDir
    Path dir;

    private Path archive(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void anAarIsUnpackedOnceFromItsModelFolder() throws IOException {
        Path aar = archive("vosk-model-en.aar", "AndroidManifest.xml", "assets/model-en-us/am/final.mdl",
                "assets/model-en-us/conf/model.conf");
        Path cache = dir.resolve("cache");
        Path model = VoskModelFiles.locate(aar, cache);
        assertEquals("assets/model-en-us/am/final.mdl", Files.readString(model.resolve("am/final.mdl")));
        assertTrue(Files.exists(model.resolve("conf/model.conf")));
        assertTrue(Files.notExists(model.resolve("AndroidManifest.xml")));
        Files.writeString(model.resolve("marker"), "kept");
        assertEquals(model, VoskModelFiles.locate(aar, cache), "the second start reuses the unpacked folder");
        assertTrue(Files.exists(model.resolve("marker")));
    }

    @Test
    void aVoskZipWithItsTopFolderAndAPlainFolderBothWork() throws IOException {
        Path zip = archive("vosk-model-small-en-us-0.15.zip", "vosk-model-small-en-us-0.15/am/final.mdl");
        Path model = VoskModelFiles.locate(zip, dir.resolve("cache"));
        assertTrue(Files.exists(model.resolve("am/final.mdl")));
        assertEquals(model, VoskModelFiles.locate(model, dir.resolve("unused")));
        assertEquals(model, VoskModelFiles.locate(model.getParent(), dir.resolve("unused")), "found one level down");
    }

    @Test
    void somethingElseIsAClearError() throws IOException {
        Path zip = archive("not-a-model.zip", "readme.txt");
        IOException e = assertThrows(IOException.class, () -> VoskModelFiles.locate(zip, dir.resolve("cache")));
        assertTrue(e.getMessage().contains("holds no Vosk model"), e.getMessage());
        e = assertThrows(IOException.class, () -> VoskModelFiles.locate(dir.resolve("missing"), dir.resolve("cache")));
        assertTrue(e.getMessage().contains("neither a folder nor an archive"), e.getMessage());
        Path evil = archive("evil.zip", "m/am/final.mdl", "m/../../escape.txt");
        assertThrows(IOException.class, () -> VoskModelFiles.locate(evil, dir.resolve("cache")));
    }
}
