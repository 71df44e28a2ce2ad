package io.parley.call;

import java.util.Map;

/**
 * The start of a call's media stream, as the carrier's adapter reports it: which call and stream, the audio
 * format on the wire (a MIME type, a rate and channels), and the parameters the webhook attached (From, To,
 * Direction, the stream token, the agent).
 */
public record StreamStart(String callSid, String streamSid, String mediaType, int sampleRate, int channels,
                          Map<String, String> parameters) {

    /** The only audio a phone stream carries: G.711 μ-law, 8 kHz, mono. */
    public static final String MULAW = "audio/x-mulaw";

    public StreamStart {
        parameters = Map.copyOf(parameters);
    }

    public boolean isPhoneAudio() {
        return MULAW.equals(mediaType) && sampleRate == 8000 && channels == 1;
    }

    /** The same start without one parameter (the stream token, once it has done its work). */
    StreamStart without(String parameter) {
        Map<String, String> rest = new java.util.LinkedHashMap<>(parameters);
        rest.remove(parameter);
        return new StreamStart(callSid, streamSid, mediaType, sampleRate, channels, rest);
    }
}
