package io.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependencies between Parley's packages, one way. From the bottom: {@code logging}; {@code audio} (samples and
 * codecs); {@code media} (the shared clock, paced playout, rooms and legs, knowing no wire format); {@code models};
 * {@code call} (sessions, state, the call scope); {@code conversation} (the agents); and at the edges
 * {@code telephony} (Twilio's wire and REST API), the store, recording and memory, the API and operations.
 */
@AnalyzeClasses(packages = "io.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Log lines outside values cannot forge or flood: used by everyone, using no one. */
    @ArchTest
    static final ArchRule loggingIsALeaf = noClasses().that().resideInAPackage("io.parley.logging..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley", "io.parley.api..", "io.parley.audio..",
                    "io.parley.call..", "io.parley.conversation..", "io.parley.http..", "io.parley.models..",
                    "io.parley.ops..", "io.parley.sim..", "io.parley.telephony..", "io.parley.store..",
                    "io.parley.recording..");

    /** Servlet-level pieces every path shares know nothing of calls, models or Twilio. */
    @ArchTest
    static final ArchRule httpKnowsOnlyLogging = noClasses().that().resideInAPackage("io.parley.http..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.audio..",
                    "io.parley.call..", "io.parley.conversation..", "io.parley.models..", "io.parley.ops..",
                    "io.parley.sim..", "io.parley.telephony..");

    /** Audio types and codecs are the bottom of the media stack. */
    @ArchTest
    static final ArchRule audioIsALeaf = noClasses().that().resideInAPackage("io.parley.audio..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.call..",
                    "io.parley.conversation..", "io.parley.http..", "io.parley.models..", "io.parley.ops..",
                    "io.parley.sim..", "io.parley.telephony..");

    /** The model clients know nothing of calls, Twilio or the API. */
    @ArchTest
    static final ArchRule modelsDoNotKnowCallsOrTwilio = noClasses().that().resideInAPackage("io.parley.models..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.call..",
                    "io.parley.ops..", "io.parley.sim..", "io.parley.telephony..", "io.parley.store..");

    /** The simulator is a client of the server: nothing in the server uses it. */
    @ArchTest
    static final ArchRule nothingUsesTheSimulator = noClasses().that().resideOutsideOfPackage("io.parley.sim..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.sim..");

    /** The API is the top of the server: only the operations report reads its settings. */
    @ArchTest
    static final ArchRule onlyOperationsUseTheApi = noClasses().that().resideOutsideOfPackages("io.parley.api..",
                    "io.parley.ops..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.api..");

    /** The call core does not reach up into the conversation, the API or operations. */
    @ArchTest
    static final ArchRule callDoesNotReachUp = noClasses().that().resideInAPackage("io.parley.call..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.conversation..",
                    "io.parley.ops..", "io.parley.sim..", "io.parley.http..", "io.parley.store..",
                    "io.parley.recording..");

    /** Memory (post-call notes) builds on the store and the models; nothing below it knows it. */
    @ArchTest
    static final ArchRule nothingBelowKnowsMemory = noClasses().that().resideInAnyPackage("io.parley.call..",
                    "io.parley.store..", "io.parley.models..", "io.parley.audio..", "io.parley.conversation..",
                    "io.parley.telephony..", "io.parley.http..", "io.parley.logging..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.memory..");

    /**
     * The store keeps what the call core reports and knows nothing above it: no call waits for it, and it never
     * reaches into Twilio's edge, the conversation, the API or the models.
     */
    @ArchTest
    static final ArchRule storeSitsBesideTheCallCore = noClasses().that().resideInAPackage("io.parley.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.conversation..",
                    "io.parley.ops..", "io.parley.sim..", "io.parley.http..", "io.parley.telephony..",
                    "io.parley.models..", "io.parley.audio..", "io.parley.recording..");

    /**
     * Recording sits on the call core (whose media path feeds it through {@code CallRecorder}) and reports to the
     * store; only the API (serving and erasing recordings), operations (its figures) and the studio (whose show is
     * recorded in its folder) know it.
     */
    @ArchTest
    static final ArchRule recordingIsUsedOnlyByTheApiAndOperations = noClasses().that()
            .resideOutsideOfPackages("io.parley.recording..", "io.parley.api..", "io.parley.ops..",
                    "io.parley.studio..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.recording..");

    @ArchTest
    static final ArchRule recordingKnowsNothingAboveIt = noClasses().that().resideInAPackage("io.parley.recording..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.conversation..",
                    "io.parley.ops..", "io.parley.sim..", "io.parley.http..", "io.parley.models..",
                    "io.parley.memory..");

    /** Twilio's wire and API are an adapter: the media core, the calls, the agents and the models never see them. */
    @ArchTest
    static final ArchRule theCoreKnowsNoTelephony = noClasses().that().resideInAnyPackage("io.parley.call..",
                    "io.parley.conversation..", "io.parley.models..", "io.parley.audio..", "io.parley.media..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.telephony..");

    /** The Twilio wire records stay in {@code telephony} (the simulator plays Twilio's part, so it speaks them). */
    @ArchTest
    static final ArchRule twilioWireStaysInTelephony = noClasses().that()
            .resideOutsideOfPackages("io.parley.telephony..", "io.parley.sim..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.telephony.media..");

    /** twilio-java is called from {@code telephony} only; the API maps its exceptions to responses. */
    @ArchTest
    static final ArchRule twilioJavaStaysInTelephony = noClasses().that()
            .resideOutsideOfPackages("io.parley.telephony..", "io.parley.api..")
            .should().dependOnClassesThat().resideInAPackage("com.twilio..");

    /** The media core (clock, playout, rooms, legs) knows audio and nothing of calls, agents, models or wires. */
    @ArchTest
    static final ArchRule mediaKnowsOnlyAudio = noClasses().that().resideInAPackage("io.parley.media..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.call..",
                    "io.parley.conversation..", "io.parley.http..", "io.parley.models..", "io.parley.ops..",
                    "io.parley.sim..", "io.parley.telephony..", "io.parley.store..", "io.parley.recording..",
                    "io.parley.memory..");

    /** The models serve the conversation and know nothing of it. */
    @ArchTest
    static final ArchRule modelsDoNotKnowTheConversation = noClasses().that().resideInAPackage("io.parley.models..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.conversation..");

    /** The show builds on calls, rooms, the conversation's ears and voice, the models, memory and the store. */
    @ArchTest
    static final ArchRule showKnowsNothingAboveIt = noClasses().that().resideInAPackage("io.parley.show..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.ops..",
                    "io.parley.sim..", "io.parley.telephony..", "io.parley.http..", "io.parley.recording..");

    /**
     * The studio (the room, its conversation, the AI voices and the show's record) builds on media, the
     * conversation's voice and ears, the models, the store and the recordings' folder; the show, the console and
     * the API use it, never the other way.
     */
    @ArchTest
    static final ArchRule studioKnowsNothingAboveIt = noClasses().that().resideInAPackage("io.parley.studio..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.ops..",
                    "io.parley.sim..", "io.parley.telephony..", "io.parley.http..", "io.parley.show..",
                    "io.parley.console..");

    @ArchTest
    static final ArchRule onlyTheShowConsoleAndApiUseTheStudio = noClasses().that()
            .resideOutsideOfPackages("io.parley.studio..", "io.parley.show..", "io.parley.api..", "io.parley.ops..",
                    "io.parley.console..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.studio..");

    /** Only the API (the console's operations), the console's edge and operations (figures) know the show. */
    @ArchTest
    static final ArchRule onlyTheApiConsoleAndOperationsUseTheShow = noClasses().that()
            .resideOutsideOfPackages("io.parley.show..", "io.parley.api..", "io.parley.ops..", "io.parley.console..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.show..");

    /**
     * The console's edge (its login and the host's audio socket) adapts the browser to the show, as
     * {@code telephony} adapts Twilio to calls; only the API (which reads who is logged in) knows it.
     */
    @ArchTest
    static final ArchRule consoleIsAnEdge = noClasses().that().resideOutsideOfPackages("io.parley.console..",
                    "io.parley.api..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.console..");

    @ArchTest
    static final ArchRule consoleKnowsNoTwilio = noClasses().that().resideInAPackage("io.parley.console..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.telephony..", "io.parley.api..",
                    "io.parley.sim..", "com.twilio..");
}
