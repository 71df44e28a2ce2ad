package io.parley.recording;

import io.parley.call.CallRecorder;
import java.util.Optional;

/**
 * A call's recorder on the media path: it only places each frame in time and hands it to the
 * {@link RecordingWriter}. Caller audio is placed by Twilio's {@code timestamp}, the stream's own clock, which
 * knows no jitter; one that strays more than {@value #TRUST_SECONDS} s from the arrival time is not believed, and
 * the arrival time places the frame instead. Parley's audio is placed by when it starts to play.
 */
final class QueuedRecorder implements CallRecorder {

    static final int TRUST_SECONDS = 5;

    private final RecordingWriter writer;
    private final Track track;
    private final Optional<String> notice;

    QueuedRecorder(RecordingWriter writer, Track track, Optional<String> notice) {
        this.writer = writer;
        this.track = track;
        this.notice = notice;
    }

    @Override
    public void callerAudio(long streamMillis, long arrivedNanos, byte[] mulaw) {
        long byArrival = track.frameAt(arrivedNanos) - mulaw.length;
        long byStamp = streamMillis * (WavLayout.RATE / 1000);
        boolean believable = streamMillis >= 0 && Math.abs(byStamp - byArrival) <= TRUST_SECONDS * WavLayout.RATE;
        writer.offer(new RecordingWriter.CallerAudio(track, believable ? byStamp : Math.max(0, byArrival), mulaw));
    }

    @Override
    public void sent(long playStartNanos, byte[] mulaw) {
        writer.offer(new RecordingWriter.SentAudio(track, playStartNanos, mulaw));
    }

    @Override
    public void cleared(long atNanos) {
        writer.offer(new RecordingWriter.Cleared(track, atNanos));
    }

    @Override
    public void finish() {
        track.end();
        writer.offer(new RecordingWriter.Finish(track));
    }

    @Override
    public Optional<String> notice() {
        return notice;
    }
}
