package io.parley.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import java.net.http.HttpClient;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SimulatedCallTest {

    @Test
    void theHandBuiltMediaEventReadsLikeTheTranslatorsOwn() throws Exception {
        SimOptions options = SimOptions.parse(new String[] {"--url", "http://localhost:1"});
        CallerAudio caller = new CallerAudio(TestUtterance.create(), false, 0);
        SimulatedCall call = new SimulatedCall(options, HttpClient.newHttpClient(), caller, new Histogram(), new Histogram());
        String json = call.mediaJson(42, 7, caller.frameBase64(7));
        var media = assertInstanceOf(StreamEvent.Media.class, TwilioMessages.parse(json));
        assertEquals(42, media.sequenceNumber());
        assertEquals(8, media.chunk());
        assertEquals(140, media.timestamp());
        assertEquals("inbound", media.track());
        assertArrayEquals(caller.frame(7), media.payload());
        assertEquals(Base64.getEncoder().encodeToString(caller.frame(7)), caller.frameBase64(7));
    }
}
