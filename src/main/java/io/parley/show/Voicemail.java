package io.parley.show;

import io.parley.audio.Pcm16;
import java.time.Instant;

/**
 * A message a caller left on the show line, as recorded: whose, why it went to voicemail (off-air, queue-full,
 * long-wait, host), and the audio (8 kHz).
 */
public record Voicemail(String callSid, String from, Long callerId, String name, String topic, String reason,
                        Pcm16 audio, Instant recordedAt) {

    /** Why a caller was sent to voicemail, as stored. */
    public static final String OFF_AIR = "off-air";
    public static final String QUEUE_FULL = "queue-full";
    public static final String LONG_WAIT = "long-wait";
    public static final String HOST = "host";
}
