package it.io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRegistry;
import io.parley.call.CallStatus;
import io.parley.call.Direction;
import io.parley.telephony.PublicUrls;
import io.parley.telephony.TwilioSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the running Liberty: CDI builds Parley's beans from MicroProfile Config, reading the server's own
 * settings (system properties the build gave the server) and the application's
 * {@code microprofile-config.properties}.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigWiringIT {

    @Deployment
    static WebArchive deployment() {
        return TestArchives.parleyCore("parley-config-wiring.war")
                .addAsResource(new StringAsset("parley.calls.recent-limit=2\n"), "META-INF/microprofile-config.properties");
    }

    @Inject
    TwilioSettings settings;

    @Inject
    PublicUrls publicUrls;

    @Inject
    CallRegistry registry;

    @Test
    void twilioSettingsComeFromTheServersConfiguration() {
        assertEquals(System.getProperty("twilio.auth-token"), settings.authToken().orElseThrow());
        assertEquals(System.getProperty("twilio.account-sid"), settings.accountSid().orElseThrow());
        assertTrue(settings.signatureChecksEnabled());
        assertTrue(settings.missingForRestApi().isEmpty());
        assertEquals(System.getProperty("parley.public-url"), publicUrls.configured().orElseThrow().http(""));
    }

    @Test
    void applicationPropertiesConfigureTheRegistry() {
        for (int i = 0; i < 3; i++) {
            registry.report("CA-wiring-" + i, Direction.INBOUND, "+15551230000", "+15559870000", CallStatus.COMPLETED,
                    Optional.of(1L));
        }
        assertFalse(registry.find("CA-wiring-0").isPresent(), "parley.calls.recent-limit=2 keeps two ended calls");
        assertTrue(registry.find("CA-wiring-2").isPresent());
    }

    @Test
    void theRegistryIsOneApplicationWideInstance() {
        registry.report("CA-shared", Direction.OUTBOUND, "+15551230000", "+15559870000", CallStatus.RINGING, Optional.empty());
        CallRegistry looked = CDI.current().select(CallRegistry.class).get();
        assertTrue(looked.find("CA-shared").isPresent());
        assertSame(registry.find("CA-shared").orElseThrow(), looked.find("CA-shared").orElseThrow());
    }
}
