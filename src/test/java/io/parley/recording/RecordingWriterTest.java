package io.parley.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.audio.MuLaw;
import io.parley.audio.MuLawAudio;
import io.parley.store.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording writer on a real disk: two parties placed in time on their own channels, a {@code clear}
 * cutting what never played, a full queue that drops rather than waits. The WAVs are read back with the JDK's
 * own WAV reader.
 */
class RecordingWriterTest {

    static final String CALL = "CA0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    final Map<String, Recording> finished = new ConcurrentHashMap<>();
    RecordingWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop(5000);
        }
    }

    RecordingWriter started() {
        writer = new RecordingWriter(dir, 10_000, finished::put, Executors.defaultThreadFactory());
        writer.start();
        return writer;
    }

    /** 20 ms of a tone, μ-law. */
    static byte[] tone(double hz, int frame) {
        byte[] out = new byte[160];
        for (int i = 0; i < 160; i++) {
            double t = (frame * 160 + i) / 8000.0;
            out[i] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * hz * t)));
        }
        return out;
    }

    @Test
    void eachPartyIsOnItsOwnChannelAtItsOwnTime() throws Exception {
        RecordingWriter w = started();
        long start = System.nanoTime();
        Track track = new Track(CALL, "2026-12-03/" + CALL + ".wav", start);
        assertTrue(w.offer(new RecordingWriter.Open(track, dir.resolve(track.relativePath + ".part"))));
        QueuedRecorder recorder = new QueuedRecorder(w, track, java.util.Optional.empty());
        for (int f = 0; f < 50; f++) { // the caller speaks for the first second
            recorder.callerAudio(f * 20L, start + (f + 1) * 20_000_000L, tone(300, f));
        }
        for (int f = 0; f < 50; f++) { // silence from the caller while Parley answers in the second
            recorder.callerAudio(1000 + f * 20L, start + (51 + f) * 20_000_000L, MuLawAudio.silence(160).data());
            recorder.sent(start + 1_000_000_000L + f * 20_000_000L, tone(1000, f));
        }
        recorder.finish();

        Recording recording = awaitFinished(CALL);
        assertEquals("2026-12-03/" + CALL + ".wav", recording.path());
        assertEquals(2000, recording.millis());
        Path wav = dir.resolve(recording.path());
        assertEquals(Files.size(wav), recording.bytes());
        assertFalse(Files.exists(dir.resolve(recording.path() + ".part")));

        short[][] channels = read(wav);
        assertEquals(16_000, channels[0].length);
        assertTrue(rms(channels[0], 0, 8000) > 4000, "the caller on the left while they speak");
        assertTrue(rms(channels[1], 0, 8000) < 10, "nothing on the right while Parley is silent");
        assertTrue(rms(channels[1], 8000, 16000) > 4000, "Parley on the right when it answers");
        assertTrue(rms(channels[0], 8000, 16000) < 10, "nothing on the left while the caller is silent");
    }

    @Test
    void aClearCutsWhatWasSentButNeverPlayed() throws Exception {
        RecordingWriter w = started();
        long start = System.nanoTime();
        Track track = new Track(CALL, "d/" + CALL + ".wav", start);
        w.offer(new RecordingWriter.Open(track, dir.resolve("d/" + CALL + ".wav.part")));
        QueuedRecorder recorder = new QueuedRecorder(w, track, java.util.Optional.empty());
        for (int f = 0; f < 25; f++) { // half a second queued to play
            recorder.sent(start + f * 20_000_000L, tone(1000, f));
        }
        recorder.cleared(start + 200_000_000L); // the caller barged in 200 ms into it
        recorder.finish();

        short[][] channels = read(dir.resolve(awaitFinished(CALL).path()));
        assertTrue(rms(channels[1], 0, 1600) > 4000, "what played before the clear");
        assertEquals(0, rms(channels[1], 1600, channels[1].length), 0.0, "nothing after it");
    }

    @Test
    void aFullQueueDropsAudioAndNeverWaits() {
        writer = new RecordingWriter(dir, 1000, finished::put, Executors.defaultThreadFactory()); // not started
        Track track = new Track(CALL, "d/" + CALL + ".wav", System.nanoTime());
        QueuedRecorder recorder = new QueuedRecorder(writer, track, java.util.Optional.empty());
        long t0 = System.nanoTime();
        for (int f = 0; f < 1500; f++) {
            recorder.sent(t0, new byte[160]);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(500, writer.dropped(), "the frames beyond the queue are counted");
        assertEquals(1000, writer.backlog());
        assertTrue(tookMillis < 2000, "handing off never waits (" + tookMillis + " ms for 1500 frames)");
    }

    @Test
    void aCallerTimestampThatStraysFarFromTheClockIsNotBelieved() throws Exception {
        RecordingWriter w = started();
        long start = System.nanoTime();
        Track track = new Track(CALL, "d/" + CALL + ".wav", start);
        w.offer(new RecordingWriter.Open(track, dir.resolve("d/" + CALL + ".wav.part")));
        QueuedRecorder recorder = new QueuedRecorder(w, track, java.util.Optional.empty());
        recorder.callerAudio(3_600_000L, start + 20_000_000L, tone(300, 0)); // "an hour in", 20 ms after the start
        recorder.finish();

        Recording recording = awaitFinished(CALL);
        assertEquals(20, recording.millis(), "placed by its arrival, not an hour of silence");
    }

    @Test
    void aCrashLeavesAFileThatStartUpRepairs() throws Exception {
        long start = System.nanoTime() - 10_000_000_000L;
        Track track = new Track(CALL, "d/" + CALL + ".wav", start);
        Files.createDirectories(dir.resolve("d"));
        track.open(dir.resolve("d/" + CALL + ".wav.part"));
        for (int f = 0; f < 100; f++) {
            track.put(Track.CALLER, f * 160L, tone(300, f));
        }
        track.settled(50 * 160); // the writer's last flush before the crash: the first second
        track.abandon();
        Files.write(dir.resolve("d/" + CALL + ".wav.part"), new byte[] {1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND); // and a torn write

        assertEquals(1, RecordingRepair.repairAll(dir, finished::put));

        Recording repaired = finished.get(CALL);
        assertEquals(new Recording("d/" + CALL + ".wav", 1000, 44 + 8000 * 4), repaired);
        short[][] channels = read(dir.resolve(repaired.path()));
        assertEquals(8000, channels[0].length, "the audio written before the crash, whole frames only");
        assertTrue(rms(channels[0], 0, 8000) > 4000);
        assertEquals(0, RecordingRepair.repairAll(dir, finished::put), "nothing left to repair");
    }

    @Test
    void aFileThatIsNotARecordingIsLeftAlone() throws Exception {
        Path stranger = dir.resolve("d/" + CALL + ".wav.part");
        Files.createDirectories(stranger.getParent());
        Files.write(stranger, new byte[100]);
        assertEquals(0, RecordingRepair.repairAll(dir, finished::put));
        assertTrue(Files.exists(stranger));
    }

    Recording awaitFinished(String sid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!finished.containsKey(sid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the recording was not finished");
            }
            Thread.sleep(10);
        }
        return finished.get(sid);
    }

    /** Both channels of a 16-bit stereo WAV at 8 kHz, through the JDK's reader. */
    static short[][] read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(2, f.getChannels());
            assertEquals(8000f, f.getSampleRate());
            assertEquals(16, f.getSampleSizeInBits());
            assertFalse(f.isBigEndian());
            byte[] bytes = in.readAllBytes();
            short[][] channels = new short[2][bytes.length / 4];
            for (int i = 0; i < bytes.length / 4; i++) {
                channels[0][i] = (short) ((bytes[4 * i] & 0xff) | bytes[4 * i + 1] << 8);
                channels[1][i] = (short) ((bytes[4 * i + 2] & 0xff) | bytes[4 * i + 3] << 8);
            }
            return channels;
        }
    }

    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
