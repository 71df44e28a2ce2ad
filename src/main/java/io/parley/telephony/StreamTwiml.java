package io.parley.telephony;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Reject;
import com.twilio.twiml.voice.Stream;
import java.util.Map;

/** The TwiML that connects a call to Parley's media stream: {@code <Connect><Stream url="wss://…">}. */
public final class StreamTwiml {

    public static final String MEDIA_PATH = "/twilio/media";

    private StreamTwiml() {
    }

    /**
     * @param streamUrl  the {@code wss://} (or {@code ws://}) URL of {@code /twilio/media}; it takes no query string
     * @param parameters values that come back in the stream's {@code start.customParameters}; null values are left out
     */
    public static String connect(String streamUrl, Map<String, String> parameters) {
        Stream.Builder stream = new Stream.Builder().url(streamUrl);
        parameters.forEach((name, value) -> {
            if (value != null) {
                stream.parameter(new Parameter.Builder().name(name).value(value).build());
            }
        });
        Connect connect = new Connect.Builder().stream(stream.build()).build();
        return new VoiceResponse.Builder().connect(connect).build().toXml();
    }

    /** Rejects the call without answering it: the caller hears it as busy, and is not billed for a call. */
    public static String reject() {
        return new VoiceResponse.Builder().reject(new Reject.Builder().reason(Reject.Reason.BUSY).build()).build()
                .toXml();
    }
}
