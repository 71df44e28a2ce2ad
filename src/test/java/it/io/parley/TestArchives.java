package it.io.parley;

import io.parley.call.CallScopeExtension;
import io.parley.telephony.TwilioWebhookResource;
import jakarta.enterprise.inject.spi.Extension;
import java.io.File;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Arquillian deployments: Parley's call-handling classes and the WAR's libraries, without the webhook resource:
 * its {@code @Timed} metric lives in Liberty's server-wide registry, and undeploying a second application that
 * declares it removes it from under the real application (whose webhooks then fail).
 */
public final class TestArchives {

    private TestArchives() {
    }

    public static WebArchive parleyCore(String name) {
        File[] libraries = Objects.requireNonNull(new File("target/parley/WEB-INF/lib").listFiles(),
                "run the package phase first: the WAR's libraries are taken from target/parley");
        return ShrinkWrap.create(WebArchive.class, name)
                .addPackages(false, "io.parley.telephony", "io.parley.telephony.media", "io.parley.call",
                        "io.parley.audio", "io.parley.media", "io.parley.conversation", "io.parley.http", "io.parley.logging")
                .addAsServiceProvider(Extension.class, CallScopeExtension.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .deleteClass(TwilioWebhookResource.class)
                .addAsLibraries(libraries);
    }
}
