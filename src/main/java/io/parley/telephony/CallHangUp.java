package io.parley.telephony;

import com.twilio.rest.api.v2010.account.Call;
import io.parley.call.Carrier;
import io.parley.call.Sids;
import io.parley.logging.LogSafe;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Ends a call through Twilio's REST API ({@code Status=completed}), which ends it at once for every leg. Without
 * credentials it does nothing and says so: the caller is then released by closing the media stream, which makes
 * Twilio hang up as nothing follows the stream in the TwiML.
 */
@ApplicationScoped
public class CallHangUp implements Carrier {

    private static final Logger LOG = Logger.getLogger(CallHangUp.class.getName());

    @Inject
    TwilioSettings settings;

    @Inject
    TwilioRestApi api;

    @Resource
    ManagedExecutorService executor;

    /**
     * Completes with true when Twilio accepted the hang-up, false when there are no credentials or it failed. The
     * SID goes into the request's path, so anything but a call SID is refused here, whatever let it through.
     */
    @Override
    public CompletionStage<Boolean> hangUp(String callSid) {
        if (!Sids.isCallSid(callSid)) {
            LOG.warning(() -> "Not hanging up " + LogSafe.quoted(callSid) + " through Twilio: not a call SID");
            return CompletableFuture.completedFuture(false);
        }
        if (!settings.missingForRestApi().isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED).update(api.client());
                LOG.info(() -> "Call " + callSid + ": hung up through Twilio's REST API");
                return true;
            } catch (RuntimeException e) {
                LOG.warning(() -> "Call " + callSid + ": Twilio did not hang up (" + e.getMessage()
                        + "); closing the media stream instead");
                return false;
            }
        }, executor);
    }
}
