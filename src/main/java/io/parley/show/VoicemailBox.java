package io.parley.show;

import io.parley.audio.WavFile;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import io.parley.store.VoicemailRow;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where messages left on the show line go: a WAV per message under {@code <recordings>/voicemail/<day>/}, written
 * by one background thread, and a row in the database. A call hands its message over and goes on; nothing waits
 * for the disk or the database. Voicemails are kept until their caller is erased (the recordings' retention
 * purge leaves them alone).
 */
@ApplicationScoped
public class VoicemailBox {

    static final String FOLDER = "voicemail";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int QUEUE = 200;
    private static final Logger LOG = Logger.getLogger(VoicemailBox.class.getName());

    @Inject
    @ConfigProperty(name = "parley.recording.directory", defaultValue = "recordings")
    String recordings;

    @Inject
    Store store;

    @Resource
    ManagedThreadFactory threads;

    private Path directory;
    private ThreadPoolExecutor writer;

    @PostConstruct
    void init() {
        directory = Path.of(recordings).toAbsolutePath().normalize().resolve(FOLDER);
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), threads);
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Voicemail: messages still being written at the stop are lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps a message; returns at once. False when the writer is over {@value #QUEUE} messages behind. */
    public boolean keep(Voicemail message) {
        try {
            writer.execute(() -> write(message));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.severe(() -> "Voicemail: the message of call " + message.callSid() + " is lost: the writer is "
                    + QUEUE + " messages behind");
            return false;
        }
    }

    private void write(Voicemail message) {
        String relative = FOLDER + "/" + DAY.format(message.recordedAt()) + "/" + message.callSid() + ".wav";
        Path wav = directory.resolve(DAY.format(message.recordedAt())).resolve(message.callSid() + ".wav");
        try {
            Files.createDirectories(wav.getParent());
            Path part = wav.resolveSibling(wav.getFileName() + ".part");
            WavFile.write(part, message.audio());
            Files.move(part, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long millis = message.audio().sampleCount() * 1000L / message.audio().sampleRate();
            store.write(new StoreWrite.SaveVoicemail(new VoicemailRow(0, message.callSid(), message.from(),
                    message.callerId(), message.name(), message.topic(), message.reason(), relative, millis,
                    Files.size(wav), message.recordedAt())));
            LOG.info(() -> "Voicemail: call " + message.callSid() + " left a message of " + millis + " ms ("
                    + message.reason() + ")");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Voicemail: the message of call " + message.callSid() + " could not be written to "
                    + wav, e);
        }
    }

    /** The file of a stored message; empty for a path outside the recordings folder. */
    public Optional<Path> file(String relative) {
        Path root = directory.getParent();
        Path file = root.resolve(relative).normalize();
        return file.startsWith(directory) ? Optional.of(file) : Optional.empty();
    }

    /** Deletes a stored message's file (its caller was erased); false when it was not there. */
    public boolean delete(String relative) {
        Optional<Path> file = file(relative);
        if (file.isEmpty()) {
            return false;
        }
        try {
            return Files.deleteIfExists(file.get());
        } catch (IOException e) {
            LOG.warning(() -> "Voicemail: " + file.get() + " could not be deleted (" + e.getMessage() + ")");
            return false;
        }
    }
}
