package io.parley.studio;

import io.parley.media.Leg;
import io.parley.media.MixingRoom;
import io.parley.recording.WavLayout;
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
    private static final Logger LOG = Logger.getLogger(ShowTape.class.getName());

    /**
     * One mixed frame, due at {@code at} (nanoTime): the first {@code count} speaking legs' audio by stem name, and
     * the mix. Frames are reused: the clock's thread fills a free one, the writer hands it back.
     */
    private static final class Frame {
        long at;
        int count;
        String[] names = new String[4];
        short[][] audio = new short[4][Leg.FRAME_SAMPLES];
        final short[] mix = new short[Leg.FRAME_SAMPLES];

        /** Room for {@code legs} speaking legs (grown once, when more speak at once than ever before). */
        void fit(int legs) {
            if (names.length < legs) {
                int old = names.length;
                names = java.util.Arrays.copyOf(names, legs);
                audio = java.util.Arrays.copyOf(audio, legs);
                for (int i = old; i < legs; i++) {
                    audio[i] = new short[Leg.FRAME_SAMPLES];
                }
            }
        }
    }

    private static final long FRAME_NANOS = 20_000_000L;
    private static final byte[] SILENCE = new byte[Leg.FRAME_SAMPLES * 2];

    private final Path dir;
    private final Function<Leg, String> stemName;
    private final Executor executor;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    /** Frames the writer has finished with, for the clock's thread to fill again. */
    private final BlockingQueue<Frame> free = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    /** Frames made so far (the clock's thread's): never more than the queue holds. */
    private int made;
    /** The writer's: the stems that spoke in the frame being written. */
    private final java.util.Set<String> heard = new java.util.HashSet<>();
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
        this(dir, stemName, executor, System.nanoTime());
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
        Frame f = free.poll();
        if (f == null) {
            if (made >= QUEUE_FRAMES) {
                dropped.incrementAndGet(); // every frame is waiting for the writer
                return;
            }
            f = new Frame();
            made++;
        }
        f.at = frameAt;
        f.fit(count);
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (speaking[i]) {
                f.names[k] = stemName.apply(legs[i]);
                System.arraycopy(said[i], 0, f.audio[k++], 0, Leg.FRAME_SAMPLES);
            }
        }
        f.count = k;
        for (int j = 0; j < Leg.FRAME_SAMPLES; j++) {
            f.mix[j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[j]));
        }
        if (!queue.offer(f)) {
            free.offer(f);
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
                    free.offer(f);
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
        long due = Math.max(0, (f.at - startNanos + FRAME_NANOS / 2) / FRAME_NANOS);
        while (frames < due) {
            mix.silence();
            for (Track t : stems.values()) {
                t.silence();
            }
            frames++;
        }
        mix.append(f.mix);
        heard.clear();
        for (int k = 0; k < f.count; k++) {
            String name = f.names[k];
            Track stem = stems.get(name);
            if (stem == null) {
                stem = new Track(dir.resolve("stem-" + fileName(name) + ".wav"), frames);
                stems.put(name, stem);
            }
            if (heard.add(name)) {
                stem.append(f.audio[k]);
            } else {
                stem.add(f.audio[k]); // two legs under one name (a console that took over): summed
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
                free.offer(f);
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
        /** The frame just written, for another leg under the same name to be added to. */
        final short[] last = new short[Leg.FRAME_SAMPLES];

        Track(Path path, long silentFrames) throws IOException {
            this.path = path;
            this.file = new RandomAccessFile(path.toFile(), "rw");
            file.setLength(0);
            file.write(WavLayout.header(0, 1).array());
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
            System.arraycopy(samples, 0, last, 0, Leg.FRAME_SAMPLES);
        }

        /** Adds {@code samples} to the frame just written (saturating). */
        void add(short[] samples) throws IOException {
            for (int i = 0; i < samples.length; i++) {
                last[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, last[i] + samples[i]));
            }
            file.seek(file.getFilePointer() - samples.length * 2L);
            dataBytes -= samples.length * 2L;
            append(last);
        }

        void silence() throws IOException {
            file.write(SILENCE);
            dataBytes += SILENCE.length;
        }

        /** The header's sizes for what is written so far (the file's position stays). */
        void header() throws IOException {
            WavLayout.writeSizes(file.getChannel(), dataBytes);
        }

        void finish() throws IOException {
            header();
            file.close();
        }
    }
}
