package io.parley.recording;

import io.parley.call.CallRecord;
import io.parley.call.CallRecorder;
import io.parley.call.CallRecorders;
import io.parley.call.Sids;
import io.parley.store.Recording;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Call recordings: a stereo WAV per call (left the caller, right Parley) in a folder per day under
 * {@code parley.recording.directory}, written by one background {@link RecordingWriter}. At start-up it repairs
 * what a crash left unfinished; every day it deletes recordings past {@code parley.recording.retention-days}.
 * The database keeps each recording's path (relative to the folder), length and size.
 */
@ApplicationScoped
public class Recordings implements CallRecorders {

    public static final String ENABLED = "parley.recording.enabled";
    public static final String NOTICE = "parley.recording.notice";
    public static final String RETENTION_DAYS = "parley.recording.retention-days";
    public static final String DIRECTORY = "parley.recording.directory";
    public static final String QUEUE_LIMIT = "parley.recording.queue-limit";

    /** The day folders' names: the UTC date the call began. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Duration PURGE_EVERY = Duration.ofDays(1);
    private static final Duration FIRST_PURGE = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(Recordings.class.getName());

    @Inject
    @ConfigProperty(name = ENABLED, defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = NOTICE)
    Optional<String> notice;

    @Inject
    @ConfigProperty(name = RETENTION_DAYS, defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = DIRECTORY, defaultValue = "recordings")
    String directoryName;

    @Inject
    @ConfigProperty(name = QUEUE_LIMIT, defaultValue = "100000")
    int queueLimit;

    @Inject
    Store store;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Path directory;
    private RecordingWriter writer;

    @PostConstruct
    void init() {
        if (retentionDays < 0) {
            throw new IllegalArgumentException(RETENTION_DAYS + " is " + retentionDays + ": it takes a number of days "
                    + "(0 keeps recordings for ever)");
        }
        directory = Path.of(directoryName).toAbsolutePath().normalize();
        notice = notice.map(String::strip).filter(n -> !n.isEmpty());
        writer = new RecordingWriter(directory, Math.max(1000, queueLimit), this::finished, threads);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        try {
            int repaired = RecordingRepair.repairAll(directory, this::finished);
            if (repaired > 0) {
                LOG.warning(() -> "Recordings: " + repaired + " recordings were left unfinished when the server last "
                        + "stopped; they are repaired and keep the audio written up to then");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Recordings: could not look for unfinished recordings in " + directory, e);
        }
        if (enabled) {
            writer.start();
            LOG.info(() -> "Recordings: on, in " + directory + (retentionDays == 0 ? ", kept for ever"
                    : ", kept " + retentionDays + " days") + (notice.isPresent() ? ", with a notice" : ""));
        } else {
            LOG.info(() -> "Recordings: off (" + ENABLED + "=false)");
        }
        if (retentionDays > 0) {
            scheduler.scheduleAtFixedRate(this::purge, FIRST_PURGE.toMillis(), PURGE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Before any bean is destroyed, so that the store still takes what the finished recordings report. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        writer.stop(10_000);
    }

    @Override
    public CallRecorder open(CallRecord call, long startNanos) {
        if (!enabled) {
            return CallRecorder.NONE;
        }
        if (!Sids.isCallSid(call.callSid())) {
            throw new IllegalArgumentException("not a call SID");
        }
        String relative = relativePath(call.callSid(), call.createdAt());
        Track track = new Track(call.callSid(), relative, startNanos);
        writer.offer(new RecordingWriter.Open(track, directory.resolve(relative + RecordingRepair.PART)));
        return new QueuedRecorder(writer, track, notice);
    }

    /** A recording's file, if it is there; a path that would lead outside the recordings folder finds nothing. */
    public Optional<Path> file(Recording recording) {
        return inside(recording.path()).filter(Files::isRegularFile);
    }

    /** A path relative to the recordings folder, unless it leads out of it. */
    private Optional<Path> inside(String relative) {
        Path file = directory.resolve(relative).normalize();
        return file.startsWith(directory) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Deletes a call's recording (its caller's data erased): the stored path, and wherever this server puts it
     * by the call's SID and day, finished or not, since a recording may be finishing as its caller is erased (the
     * writer then finds its file gone and keeps nothing). Returns 1 when a file was deleted, else 0.
     */
    public int delete(String callSid, java.time.Instant createdAt, Optional<String> storedPath) {
        if (!Sids.isCallSid(callSid)) {
            return 0;
        }
        String conventional = relativePath(callSid, createdAt);
        boolean deleted = false;
        for (String path : new java.util.LinkedHashSet<>(List.of(storedPath.orElse(conventional), conventional,
                conventional + RecordingRepair.PART))) {
            Optional<Path> inside = inside(path);
            if (inside.isEmpty()) {
                continue;
            }
            Path file = inside.get();
            try {
                deleted |= Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning(() -> "Recordings: could not delete " + file + " (" + e.getMessage() + ")");
            }
        }
        return deleted ? 1 : 0;
    }

    /** Deletes the recordings past their retention now; the daily task calls it. Returns how many. */
    public int purge() {
        try {
            int deleted = RetentionPurge.run(directory, Duration.ofDays(retentionDays), Instant.now(),
                    sid -> store.write(new StoreWrite.ForgetRecording(sid)));
            if (deleted > 0) {
                LOG.info(() -> "Recordings: " + deleted + " recordings older than " + retentionDays + " days deleted");
            }
            return deleted;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Recordings: the retention purge failed; it runs again tomorrow", e);
            return 0;
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public Path directory() {
        return directory;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** Events the media path could not hand to the writer (its queue full): audio missing from recordings. */
    public long droppedEvents() {
        return writer.dropped();
    }

    public long backlog() {
        return writer.backlog();
    }

    public long finishedRecordings() {
        return writer.recordings();
    }

    public long failures() {
        return writer.failures();
    }

    private static String relativePath(String callSid, java.time.Instant createdAt) {
        return DAY.format(createdAt) + "/" + callSid + ".wav";
    }

    private void finished(String callSid, Recording recording) {
        store.write(new StoreWrite.SaveRecording(callSid, recording));
    }
}
