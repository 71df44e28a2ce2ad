package io.parley.recording;

import io.parley.store.Recording;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finishes the recordings a stopped server left unfinished ({@code .wav.part}, after a crash or a stop that could
 * not wait): the audio written up to the crash is kept, a torn last frame is cut off, the header is made to say
 * how long the file really is, and the file takes its final name.
 */
final class RecordingRepair {

    static final String PART = ".part";
    private static final Logger LOG = Logger.getLogger(RecordingRepair.class.getName());

    private RecordingRepair() {
    }

    /**
     * Repairs every unfinished recording under {@code directory}.
     *
     * @param repaired told of each repaired recording (call SID, where it is now)
     * @return how many were repaired
     */
    static int repairAll(Path directory, BiConsumer<String, Recording> repaired) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(".wav" + PART)).forEach(parts::add);
        }
        int count = 0;
        for (Path part : parts) {
            try {
                Recording recording = repair(directory, part);
                String name = part.getFileName().toString();
                repaired.accept(name.substring(0, name.indexOf('.')), recording);
                count++;
            } catch (IOException e) {
                LOG.warning(() -> "Recordings: " + part + " could not be repaired (" + e.getMessage() + "); it is "
                        + "left as it is");
            }
        }
        return count;
    }

    /** Repairs one file and gives it its final name. */
    static Recording repair(Path directory, Path part) throws IOException {
        long dataBytes;
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (!WavLayout.isOurs(file)) {
                throw new IOException("not a recording of Parley's (its header is not a 16-bit 8 kHz stereo WAV)");
            }
            dataBytes = Math.min(WavLayout.MAX_DATA_BYTES, file.size() - WavLayout.HEADER_BYTES);
            dataBytes -= dataBytes % WavLayout.BYTES_PER_FRAME;
            file.truncate(WavLayout.HEADER_BYTES + dataBytes);
            WavLayout.writeSizes(file, dataBytes);
            file.force(true);
        }
        String name = part.getFileName().toString();
        Path wav = part.resolveSibling(name.substring(0, name.length() - PART.length()));
        Files.move(part, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String relative = directory.relativize(wav).toString().replace('\\', '/');
        return new Recording(relative, WavLayout.millis(dataBytes), WavLayout.HEADER_BYTES + dataBytes);
    }
}
