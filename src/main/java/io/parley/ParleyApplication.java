package io.parley;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Jakarta REST root: the Twilio webhooks live under {@code /twilio}, the call API under {@code /api}. */
@ApplicationPath("/")
public class ParleyApplication extends Application {
}
