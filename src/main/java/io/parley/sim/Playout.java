package io.parley.sim;

import io.parley.audio.FrameAssembler;
import io.parley.audio.Levels;
import io.parley.audio.MuLawAudio;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's ear, as Twilio runs it: audio from the server is buffered and played in real time, one 20 ms
 * frame per tick, after a small jitter buffer has filled; a mark is echoed once the audio before it has played
 * (at once when nothing is buffered); {@code clear} drops the buffer and echoes every pending mark. Everything
 * played (or the silence of a gap) is recorded, one frame per tick.
 *
 * <p>An underrun is a tick with nothing to play in the middle of a segment: audio has arrived since the last
 * mark, so the server meant to go on, but the next frame was late. Silence after a mark is not an underrun.
 * Thread-safe: arrivals come on the WebSocket's thread, ticks on the simulator's clock.
 */
final class Playout {

    private static final byte[] SILENCE = MuLawAudio.silence(FrameAssembler.FRAME_BYTES).data();

    private final int jitterFrames;
    private final FrameAssembler assembler = new FrameAssembler();
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final List<Boolean> heardVoiced = new ArrayList<>();
    private int bufferedFrames;
    private boolean playing;
    private boolean segmentOpen;
    private boolean inGap;
    private boolean countingUnderruns = true;

    private long framesReceived;
    private long framesPlayed;
    private long underruns;
    private long underrunFrames;
    private long marksReceived;
    private long marksEchoed;
    private long clears;
    private long framesCleared;
    private long lastArrival;
    private final Histogram arrivalGaps;
    private final Histogram markWaits;

    private record PendingMark(String name, long arrivedAt) {
    }

    Playout(int jitterFrames, Histogram arrivalGaps, Histogram markWaits) {
        this.jitterFrames = Math.max(1, jitterFrames);
        this.arrivalGaps = arrivalGaps;
        this.markWaits = markWaits;
    }

    synchronized void media(byte[] payload, long now) {
        if (lastArrival != 0 && segmentOpen) {
            arrivalGaps.record(now - lastArrival);
        }
        lastArrival = now;
        segmentOpen = true;
        assembler.push(new MuLawAudio(payload), frame -> {
            buffer.add(frame.data());
            bufferedFrames++;
            framesReceived++;
        });
    }

    /** A mark from the server; returns the marks to echo now. */
    synchronized List<String> mark(String name, long now) {
        marksReceived++;
        segmentOpen = false;
        assembler.flush(frame -> {
            buffer.add(frame.data());
            bufferedFrames++;
        });
        if (buffer.isEmpty()) {
            marksEchoed++;
            markWaits.record(0);
            return List.of(name);
        }
        buffer.add(new PendingMark(name, now));
        return List.of();
    }

    /** The server's {@code clear}: returns the pending marks, all to be echoed now. */
    synchronized List<String> clear(long now) {
        clears++;
        List<String> echoes = new ArrayList<>();
        for (Object item : buffer) {
            if (item instanceof PendingMark m) {
                echoes.add(m.name());
                markWaits.record(now - m.arrivedAt());
            } else {
                framesCleared++;
            }
        }
        marksEchoed += echoes.size();
        buffer.clear();
        assembler.discard();
        bufferedFrames = 0;
        playing = false;
        segmentOpen = false;
        inGap = false;
        return echoes;
    }

    /** One 20 ms playback tick; returns the marks whose audio has now finished playing. */
    synchronized List<String> tick(long now) {
        List<String> echoes = List.of();
        if (!playing && bufferedFrames > 0
                && (bufferedFrames >= jitterFrames || buffer.stream().anyMatch(PendingMark.class::isInstance))) {
            playing = true;
        }
        byte[] played = null;
        if (playing) {
            echoes = marksAtHead(now);
            Object head = buffer.poll();
            if (head instanceof byte[] frame) {
                bufferedFrames--;
                framesPlayed++;
                played = frame;
                inGap = false;
            } else if (segmentOpen) {
                if (countingUnderruns) {
                    underrunFrames++;
                    if (!inGap) {
                        underruns++;
                    }
                }
                inGap = true;
            } else {
                playing = false;
            }
            if (played != null && buffer.isEmpty() && !segmentOpen) {
                playing = false;
            }
        }
        byte[] frame = played != null ? played : SILENCE;
        heard.write(frame, 0, frame.length);
        heardVoiced.add(played != null && Levels.rmsDbfs(played) > CallerAudio.VOICED_DBFS);
        return echoes;
    }

    /**
     * The caller has stopped talking and the call is winding down: the server's audio may stop mid-segment
     * now (an echo ends with the caller's audio), which is not a gap anybody hears.
     */
    synchronized void stopCountingUnderruns() {
        countingUnderruns = false;
    }

    /** Echoes that fall due after the last frame has played out (at the end of the call). */
    synchronized List<String> drain(long now) {
        return marksAtHead(now);
    }

    private List<String> marksAtHead(long now) {
        List<String> echoes = null;
        while (buffer.peek() instanceof PendingMark m) {
            buffer.poll();
            if (echoes == null) {
                echoes = new ArrayList<>();
            }
            echoes.add(m.name());
            markWaits.record(now - m.arrivedAt());
            marksEchoed++;
        }
        return echoes == null ? List.of() : echoes;
    }

    synchronized byte[] heard() {
        return heard.toByteArray();
    }

    synchronized boolean[] heardVoiced() {
        boolean[] v = new boolean[heardVoiced.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = heardVoiced.get(i);
        }
        return v;
    }

    synchronized long framesReceived() {
        return framesReceived;
    }

    synchronized long framesPlayed() {
        return framesPlayed;
    }

    synchronized long underruns() {
        return underruns;
    }

    synchronized long underrunFrames() {
        return underrunFrames;
    }

    synchronized long marksReceived() {
        return marksReceived;
    }

    synchronized long marksEchoed() {
        return marksEchoed;
    }

    synchronized long clears() {
        return clears;
    }

    synchronized long framesCleared() {
        return framesCleared;
    }
}
