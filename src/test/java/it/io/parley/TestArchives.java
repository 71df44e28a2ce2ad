package it.io.parley;

import io.parley.call.CallScopeExtension;
import jakarta.enterprise.inject.spi.Extension;
import java.io.File;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Arquillian deployments: Parley's call-handling classes (not its HTTP API or metrics) and the WAR's libraries. */
public final class TestArchives {

    private TestArchives() {
    }

    public static WebArchive parleyCore(String name) {
        File[] libraries = Objects.requireNonNull(new File("target/parley/WEB-INF/lib").listFiles(),
                "run the package phase first: the WAR's libraries are taken from target/parley");
        return ShrinkWrap.create(WebArchive.class, name)
                .addPackages(false, "io.parley.telephony", "io.parley.telephony.media", "io.parley.call",
                        "io.parley.audio", "io.parley.conversation")
                .addAsServiceProvider(Extension.class, CallScopeExtension.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsLibraries(libraries);
    }
}
