package io.parley.studio;

import io.parley.media.Leg;
import io.parley.media.MixingRoom;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A show's recording: the studio's mix, and one stem per participant (what they said, and silence when they did
 * not), all 16-bit mono WAV at 8 kHz and aligned from the first frame, so that they line up in an editor. The
 * room's clock thread only copies each frame into a bounded queue; a writer on the server's executor appends to the
 * files, and rewrites their headers as it goes, so that a recording can be fetched while the show runs.
 */
final class ShowTape implements MixingRoom.Tap {

    /** Frames waiting for the writer before new ones are dropped (and counted): 20 s. */
    static final int QUEUE_FRAMES = 1000;
    static final int RATE = 8000;
    private static final Logger LOG = Logger.getLogger(ShowTape.class.getName());

    /** One mixed frame, due at {@code at} (nanoTime): each speaking leg's audio by stem name, and the mix. */
    private record Frame(long at, String[] names, short[][] audio, short[] mix) {
    }

    private static final long FRAME_NANOS = 20_000_000L;

    private final Path dir;
    private final Function<Leg, String> stemName;
    private final Executor executor;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Track> stems = new LinkedHashMap<>();
    private Track mix;
    private long frames;
    /** The show's first instant on the media clock: frame n of the files is due n × 20 ms after it. */
    private final long startNanos;
    private volatile boolean closed;

    /**
     * @param stemName names a leg's stem (the speaker's label); legs with the same name share a stem
     */
    ShowTape(Path dir, Function<Leg, String> stemName, Executor executor) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.stemName = stemName;
        this.executor = executor;
        this.mix = new Track(dir.resolve("mix.wav"), 0);
        this.startNanos = System.nanoTime();
    }

    /** For tests: a tape whose clock starts at {@code startNanos}. */
    ShowTape(Path dir, Function<Leg, String> stemName, Executor executor, long startNanos) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.stemName = stemName;
        this.executor = executor;
        this.mix = new Track(dir.resolve("mix.wav"), 0);
        this.startNanos = startNanos;
    }

    Path dir() {
        return dir;
    }

    long dropped() {
        return dropped.get();
    }

    // ---- the clock's thread ----

    @Override
    public void frame(long frameAt, Leg[] legs, int count, short[][] said, boolean[] speaking, int[] sum) {
        if (closed) {
            return;
        }
        int talking = 0;
        for (int i = 0; i < count; i++) {
            talking += speaking[i] ? 1 : 0;
        }
        String[] names = new String[talking];
        short[][] audio = new short[talking][];
        for (int i = 0, k = 0; i < count; i++) {
            if (speaking[i]) {
                names[k] = stemName.apply(legs[i]);
                audio[k++] = said[i].clone();
            }
        }
        short[] mixed = new short[Leg.FRAME_SAMPLES];
        for (int k = 0; k < mixed.length; k++) {
            mixed[k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[k]));
        }
        if (!queue.offer(new Frame(frameAt, names, audio, mixed))) {
            dropped.incrementAndGet();
        }
        if (queue.size() >= 25 && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    // ---- the writer ----

    /** Writes what is queued; the last call (after {@link #close}) finishes the files. */
    private void drain() {
        try {
            synchronized (this) {
                List<Frame> batch = new ArrayList<>(queue.size());
                queue.drainTo(batch);
                for (Frame f : batch) {
                    write(f);
                }
                mix.header();
                for (Track t : stems.values()) {
                    t.header();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The show's recording in " + dir + " could not be written; it stops here", e);
            closed = true;
        } finally {
            draining.set(false);
        }
    }

    private void write(Frame f) throws IOException {
        // The room mixes nothing while it is empty (before the host connects, say): the files keep the show's
        // time, so the gap is silence in every track.
        long due = Math.max(0, (f.at() - startNanos + FRAME_NANOS / 2) / FRAME_NANOS);
        while (frames < due) {
            mix.silence();
            for (Track t : stems.values()) {
                t.silence();
            }
            frames++;
        }
        mix.append(f.mix());
        java.util.Set<String> heard = new java.util.HashSet<>();
        for (int k = 0; k < f.names().length; k++) {
            String name = f.names()[k];
            Track stem = stems.get(name);
            if (stem == null) {
                stem = new Track(dir.resolve("stem-" + fileName(name) + ".wav"), frames);
                stems.put(name, stem);
            }
            if (heard.add(name)) {
                stem.append(f.audio()[k]);
            } else {
                stem.add(f.audio()[k]); // two legs under one name (a console that took over): summed
            }
        }
        for (Map.Entry<String, Track> e : stems.entrySet()) {
            if (!heard.contains(e.getKey())) {
                e.getValue().silence();
            }
        }
        frames++;
    }

    /** Writes out the rest and closes the files. Waits for the disk: not on the clock's or a call's thread. */
    synchronized Map<String, Path> close() {
        closed = true;
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            List<Frame> rest = new ArrayList<>();
            queue.drainTo(rest);
            for (Frame f : rest) {
                write(f);
            }
            mix.finish();
            files.put("mix", mix.path);
            for (Map.Entry<String, Track> e : stems.entrySet()) {
                e.getValue().finish();
                files.put(e.getKey(), e.getValue().path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The show's recording in " + dir + " could not be finished", e);
        }
        if (dropped.get() > 0) {
            LOG.warning(() -> "The show's recording lost " + dropped.get() + " frames: the disk fell behind");
        }
        return files;
    }

    static String fileName(String name) {
        String safe = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return safe.isEmpty() ? "unnamed" : safe;
    }

    /** One WAV file being written: its header is rewritten with the length so far after every batch. */
    private static final class Track {
        final Path path;
        final RandomAccessFile file;
        final ByteBuffer frame = ByteBuffer.allocate(Leg.FRAME_SAMPLES * 2).order(ByteOrder.LITTLE_ENDIAN);
        long dataBytes;
        short[] last;
        long lastAt = -1;

        Track(Path path, long silentFrames) throws IOException {
            this.path = path;
            this.file = new RandomAccessFile(path.toFile(), "rw");
            file.setLength(0);
            file.write(new byte[44]);
            for (long i = 0; i < silentFrames; i++) {
                silence();
            }
            header();
        }

        void append(short[] samples) throws IOException {
            frame.clear();
            for (short s : samples) {
                frame.putShort(s);
            }
            file.write(frame.array(), 0, frame.position());
            dataBytes += frame.position();
            last = samples;
        }

        /** Adds {@code samples} to the frame just written (saturating). */
        void add(short[] samples) throws IOException {
            short[] sum = new short[samples.length];
            for (int i = 0; i < samples.length; i++) {
                sum[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, last[i] + samples[i]));
            }
            file.seek(file.getFilePointer() - samples.length * 2L);
            dataBytes -= samples.length * 2L;
            append(sum);
        }

        void silence() throws IOException {
            file.write(new byte[Leg.FRAME_SAMPLES * 2]);
            dataBytes += Leg.FRAME_SAMPLES * 2;
        }

        void header() throws IOException {
            long end = file.getFilePointer();
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                    .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                    .putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
            file.seek(0);
            file.write(h.array());
            file.seek(end);
        }

        void finish() throws IOException {
            header();
            file.close();
        }
    }
}
