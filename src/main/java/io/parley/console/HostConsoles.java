package io.parley.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;

/** Which console holds the host's microphone: at most one; a console that takes over closes the other. */
@ApplicationScoped
public class HostConsoles {

    private HostLeg holder;
    private ConsoleLink holderLink;

    /** Whether a console became the host, and the console it displaced (to be closed once the new one is in). */
    record Claim(boolean granted, ConsoleLink displaced) {
        /** Closes the displaced console, telling it why. */
        void closeDisplaced() {
            if (displaced != null) {
                displaced.close(CloseReason.CloseCodes.getCloseCode(ConsoleAudioEndpoint.HOST_TAKEN),
                        "another console took over the host's microphone");
            }
        }
    }

    /** Whether {@code leg} may be the host now: yes when no console is, or with {@code takeover}. */
    synchronized Claim claim(HostLeg leg, ConsoleLink link, boolean takeover) {
        if (holder != null && !takeover) {
            return new Claim(false, null);
        }
        ConsoleLink displaced = holderLink;
        holder = leg;
        holderLink = link;
        return new Claim(true, displaced);
    }

    synchronized void release(HostLeg leg) {
        if (holder == leg) {
            holder = null;
            holderLink = null;
        }
    }
}
