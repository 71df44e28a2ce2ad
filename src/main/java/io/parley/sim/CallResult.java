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

    /** The close code a client reports when the connection ended without a close frame (RFC 6455). */
    static final int CLOSED_ABNORMALLY = 1006;
    static final String DROPPED = "the connection ended without a close frame (1006)";

    public boolean ok() {
        return error == null;
    }

    /**
     * The server's own record says it ended the call on purpose (a hang-up), though its close frame never reached
     * the caller: the connection's end raced frames still on their way. To Twilio, a hang-up either way.
     */
    CallResult endedByServer(String why) {
        return new CallResult(callSid, null, framesSent, framesReceived, framesPlayed, underruns, underrunFrames,
                marksReceived, marksEchoed, clears, framesCleared, echoLagMillis, echoCorrelation, turnLatenciesMillis,
                bargeInMillis, closeCode, "the server ended the call (" + why + "); its close frame was lost");
    }

    /** Caller frames that never came back (line test only; a clear accounts for the frames it dropped). */
    public long framesLost() {
        return Math.max(0, framesSent - framesReceived);
    }
}
