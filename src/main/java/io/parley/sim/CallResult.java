package io.parley.sim;

import java.util.List;

/**
 * One simulated call in figures.
 *
 * @param error              why the call could not run to its end, or null
 * @param underruns          gaps the caller would have heard in the middle of the server's audio
 * @param framesCleared      frames the server's {@code clear} dropped from the caller's buffer
 * @param echoLagMillis      line test: the echo's delay (NaN when not measured)
 * @param echoCorrelation    line test: normalised correlation of the echo with the caller's audio
 * @param turnLatenciesMillis voice to voice, per caller turn: the caller's last voiced frame to the first voiced
 *                           frame of the reply heard (empty for the line test)
 * @param bargeInMillis      for each {@code clear} the server sent: the time from the onset of the caller's speech
 *                           (after at least 200 ms of silence) to the {@code clear}'s arrival
 * @param closeCode          how the server closed the stream (0 when the simulator closed it)
 */
public record CallResult(String callSid, String error, long framesSent, long framesReceived, long framesPlayed,
                         long underruns, long underrunFrames, long marksReceived, long marksEchoed, long clears,
                         long framesCleared, double echoLagMillis, double echoCorrelation,
                         List<Long> turnLatenciesMillis, List<Long> bargeInMillis, int closeCode, String closeReason) {

    public boolean ok() {
        return error == null;
    }

    /** Caller frames that never came back (line test only; a clear accounts for the frames it dropped). */
    public long framesLost() {
        return Math.max(0, framesSent - framesReceived);
    }
}
