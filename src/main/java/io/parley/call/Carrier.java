package io.parley.call;

import java.util.concurrent.CompletionStage;

/**
 * The phone network's side of a call, as far as the call core needs it: what only the carrier's API can do
 * (Twilio's REST API, in {@code telephony}). Calls to it are slow network requests: they complete later, on a
 * thread of the implementation's choosing, and never fail the stage; false says it did not happen.
 */
public interface Carrier {

    /** Ends the call for every leg at once. False when there are no credentials, or the carrier refused. */
    CompletionStage<Boolean> hangUp(String callSid);
}
