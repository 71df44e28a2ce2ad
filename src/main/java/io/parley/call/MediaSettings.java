package io.parley.call;

import io.parley.media.OutboundAudio;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The media-session settings (README, configuration table). */
@ApplicationScoped
public class MediaSettings {

    public static final String AGENT = "parley.agent";
    public static final String LEAD = "parley.media.lead-ms";
    public static final String QUEUE = "parley.media.queue-ms";
    public static final String STALL_TIMEOUT = "parley.media.stall-timeout-ms";
    public static final String INBOUND_QUEUE = "parley.media.inbound-queue-frames";
    public static final String MAX_SESSIONS = "parley.media.max-sessions";
    public static final String START_TIMEOUT = "parley.media.start-timeout-ms";

    private String agent;
    private OutboundAudio.Settings playback;
    private int inboundQueueFrames;
    private int maxSessions;
    private Duration startTimeout;

    protected MediaSettings() {
        // for the CDI proxy
    }

    @Inject
    public MediaSettings(@ConfigProperty(name = AGENT, defaultValue = "assistant") String agent,
                         @ConfigProperty(name = LEAD, defaultValue = "160") long leadMillis,
                         @ConfigProperty(name = QUEUE, defaultValue = "2000") long queueMillis,
                         @ConfigProperty(name = STALL_TIMEOUT, defaultValue = "10000") long stallMillis,
                         @ConfigProperty(name = INBOUND_QUEUE, defaultValue = "250") int inboundQueueFrames,
                         @ConfigProperty(name = MAX_SESSIONS, defaultValue = "500") int maxSessions,
                         @ConfigProperty(name = START_TIMEOUT, defaultValue = "5000") long startTimeoutMillis) {
        this.agent = agent.strip();
        this.playback = new OutboundAudio.Settings(Duration.ofMillis(clamp(leadMillis, 20, 2000)),
                Duration.ofMillis(clamp(queueMillis, 100, 60_000)), Duration.ofMillis(clamp(stallMillis, 500, 600_000)));
        this.inboundQueueFrames = (int) clamp(inboundQueueFrames, 10, 10_000);
        this.maxSessions = (int) clamp(maxSessions, 1, 100_000);
        this.startTimeout = Duration.ofMillis(clamp(startTimeoutMillis, 500, 600_000));
    }

    /** The defaults, with another agent (tests). */
    public static MediaSettings of(String agent) {
        return new MediaSettings(agent, 160, 2000, 10_000, 250, 500, 5000);
    }

    public String agent() {
        return agent;
    }

    public OutboundAudio.Settings playback() {
        return playback;
    }

    /** Inbound frames a call may have waiting for its executor before further frames are dropped. */
    public int inboundQueueFrames() {
        return inboundQueueFrames;
    }

    /** Media streams open at once, started or not; the next is refused (1013, try again later). */
    public int maxSessions() {
        return maxSessions;
    }

    /** How long an open stream may go without Twilio's {@code start} before it is closed. */
    public Duration startTimeout() {
        return startTimeout;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
