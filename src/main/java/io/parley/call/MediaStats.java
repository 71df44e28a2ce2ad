package io.parley.call;

/**
 * A call's media session in figures, live or final.
 *
 * @param framesIn      media messages received from Twilio
 * @param framesOut     20 ms frames sent to the caller
 * @param framesDropped inbound frames refused (flood, overload) plus outbound frames over the queue limit
 * @param refused       messages refused as malformed or out of protocol
 * @param dtmf          the digits the caller pressed, in order
 */
public record MediaStats(String streamSid, CallState state, String reason, long framesIn, long framesOut,
                         long framesDropped, long marksSent, long marksEchoed, long clears,
                         long markRoundTripMillisAvg, long refused, String dtmf) {
}
