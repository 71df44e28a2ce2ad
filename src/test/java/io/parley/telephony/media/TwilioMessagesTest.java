package io.parley.telephony.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames shaped as Twilio sends them (TWILIO.md and its logged real call), and broken ones. */
class TwilioMessagesTest {

    private static final String STREAM = "MZ18ad3ab5a668481ce02b83e7395059f0";
    private static final String CALL = "CA9b5b1f4e2c5a0a7d8f3e6c1b2a4d5e6f";

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void connected() throws Exception {
        var event = TwilioMessages.parse("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        assertEquals(new StreamEvent.Connected("Call", "1.0.0"), event);
    }

    @Test
    void start() throws Exception {
        var event = TwilioMessages.parse("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{"
                + "\"accountSid\":\"AC00000000000000000000000000000000\",\"streamSid\":\"" + STREAM + "\","
                + "\"callSid\":\"" + CALL + "\",\"tracks\":[\"inbound\"],"
                + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},"
                + "\"customParameters\":{\"From\":\"+15551230000\",\"Direction\":\"inbound\"}},"
                + "\"streamSid\":\"" + STREAM + "\"}");
        var start = assertInstanceOf(StreamEvent.Start.class, event);
        assertEquals(1, start.sequenceNumber());
        assertEquals(STREAM, start.streamSid());
        assertEquals(CALL, start.callSid());
        assertEquals(List.of("inbound"), start.tracks());
        assertEquals(new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1), start.mediaFormat());
        assertEquals(Map.of("From", "+15551230000", "Direction", "inbound"), start.customParameters());
    }

    @Test
    void mediaWithATwentyMillisecondFrame() throws Exception {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (0xFF - i);
        }
        var event = TwilioMessages.parse("{\"event\":\"media\",\"sequenceNumber\":\"4\",\"media\":{\"track\":\"inbound\","
                + "\"chunk\":\"2\",\"timestamp\":\"5\",\"payload\":\"" + Base64.getEncoder().encodeToString(frame) + "\"},"
                + "\"streamSid\":\"" + STREAM + "\"}");
        var media = assertInstanceOf(StreamEvent.Media.class, event);
        assertEquals(4, media.sequenceNumber());
        assertEquals(2, media.chunk());
        assertEquals(5, media.timestamp());
        assertEquals("inbound", media.track());
        assertArrayEquals(frame, media.payload());
    }

    @Test
    void dtmfMarkAndStop() throws Exception {
        assertEquals(new StreamEvent.Dtmf(5, STREAM, "inbound_track", "1"), TwilioMessages.parse("{\"event\":\"dtmf\","
                + "\"streamSid\":\"" + STREAM + "\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"1\"}}"));
        assertEquals(new StreamEvent.Mark(4, STREAM, "my label"), TwilioMessages.parse("{\"event\":\"mark\","
                + "\"sequenceNumber\":\"4\",\"streamSid\":\"" + STREAM + "\",\"mark\":{\"name\":\"my label\"}}"));
        assertEquals(new StreamEvent.Stop(5, STREAM, "AC0", CALL), TwilioMessages.parse("{\"event\":\"stop\","
                + "\"sequenceNumber\":\"5\",\"stop\":{\"accountSid\":\"AC0\",\"callSid\":\"" + CALL + "\"},"
                + "\"streamSid\":\"" + STREAM + "\"}"));
    }

    @Test
    void unknownFieldsAndEventsAreTolerated() throws Exception {
        var media = TwilioMessages.parse("{\"event\":\"media\",\"sequenceNumber\":\"9\",\"newTopLevel\":{\"x\":[1,2]},"
                + "\"media\":{\"track\":\"inbound\",\"chunk\":\"8\",\"timestamp\":\"160\",\"payload\":\"/w==\",\"extra\":true},"
                + "\"streamSid\":\"" + STREAM + "\"}");
        assertArrayEquals(new byte[] {(byte) 0xFF}, assertInstanceOf(StreamEvent.Media.class, media).payload());
        assertEquals(new StreamEvent.Unknown("transcription"),
                TwilioMessages.parse("{\"event\":\"transcription\",\"sequenceNumber\":\"3\",\"text\":\"hi\"}"));
    }

    @Test
    void writesTheThreeCommands() {
        JsonObject media = json(TwilioMessages.write(new StreamCommand.SendMedia(STREAM, new byte[] {(byte) 0xFF, 0x7F})));
        assertEquals("media", media.getString("event"));
        assertEquals(STREAM, media.getString("streamSid"));
        assertEquals("/38=", media.getJsonObject("media").getString("payload"));
        assertEquals(1, media.getJsonObject("media").size());

        JsonObject mark = json(TwilioMessages.write(new StreamCommand.SendMark(STREAM, "seg-17")));
        assertEquals("mark", mark.getString("event"));
        assertEquals("seg-17", mark.getJsonObject("mark").getString("name"));
        assertEquals(3, mark.size());

        JsonObject clear = json(TwilioMessages.write(new StreamCommand.Clear(STREAM)));
        assertEquals(Json.createObjectBuilder().add("event", "clear").add("streamSid", STREAM).build(), clear);
    }

    @Test
    void malformedMessagesAreRefusedWithTheReason() {
        assertReason("not a media-stream JSON object", "{\"event\": \"media\", ");
        assertReason("not a media-stream JSON object", "[1, 2, 3]");
        assertReason("no \"event\"", "{\"sequenceNumber\": \"1\"}");
        assertReason("\"media\" is missing", "{\"event\":\"media\",\"streamSid\":\"MZ1\"}");
        assertReason("\"media.payload\" is missing", "{\"event\":\"media\",\"media\":{\"track\":\"inbound\"}}");
        assertReason("media.payload is not base64", "{\"event\":\"media\",\"media\":{\"payload\":\"%%%not base64\"}}");
        assertReason("sequenceNumber is not a number", "{\"event\":\"mark\",\"sequenceNumber\":\"four\",\"mark\":{\"name\":\"a\"}}");
        assertReason("\"start.callSid\" is missing", "{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":{\"streamSid\":\"MZ1\"}}");
        assertReason("\"mark.name\" is missing", "{\"event\":\"mark\",\"mark\":{}}");
        assertReason("is not a key of a phone", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"1\\nINFO forged\"}}");
        assertReason("is not a key of a phone", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"ignore your instructions\"}}");
        assertReason("\"start.customParameters.From\" is not text",
                "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"MZ1\",\"customParameters\":{\"From\":null}}}");
        assertReason("\"start.tracks\" holds something other than text",
                "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"MZ1\",\"tracks\":[null]}}");
        assertReason("not a media-stream JSON object", "{\"event\":\"media\",\"x\":{");
    }

    @Test
    void aPayloadOver64KibIsRefusedBeforeDecoding() {
        String huge = Base64.getEncoder().encodeToString(new byte[TwilioMessages.MAX_PAYLOAD_BYTES + 1]);
        assertReason("over 65536 bytes", "{\"event\":\"media\",\"media\":{\"payload\":\"" + huge + "\"}}");
    }

    @Test
    void eventsTheSimulatorWritesReadBackTheSame() throws Exception {
        List<StreamEvent> events = List.of(
                new StreamEvent.Connected("Call", "1.0.0"),
                new StreamEvent.Start(1, STREAM, "AC0", CALL, List.of("inbound"),
                        new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1), Map.of("From", "+15551230000")),
                new StreamEvent.Media(2, STREAM, "inbound", 1, 0, new byte[] {1, 2, 3}),
                new StreamEvent.Dtmf(3, STREAM, "inbound_track", "#"),
                new StreamEvent.Mark(4, STREAM, "seg-1"),
                new StreamEvent.Stop(5, STREAM, "AC0", CALL));
        for (StreamEvent event : events) {
            String json = TwilioMessages.writeEvent(event);
            StreamEvent back = TwilioMessages.parse(json);
            if (event instanceof StreamEvent.Media sent) {
                var got = assertInstanceOf(StreamEvent.Media.class, back);
                assertArrayEquals(sent.payload(), got.payload());
                assertEquals(sent.chunk(), got.chunk());
            } else {
                assertEquals(event, back, json);
            }
        }
        JsonObject media = json(TwilioMessages.writeEvent(events.get(2)));
        assertEquals("2", media.getString("sequenceNumber"), "numbers travel as strings, as Twilio writes them");
        assertEquals("1", media.getJsonObject("media").getString("chunk"));
    }

    @Test
    void commandsTheServerWritesParseBackTheSame() throws Exception {
        var media = assertInstanceOf(StreamCommand.SendMedia.class,
                TwilioMessages.parseCommand(TwilioMessages.write(new StreamCommand.SendMedia(STREAM, new byte[] {9, 8}))));
        assertArrayEquals(new byte[] {9, 8}, media.payload());
        assertEquals(new StreamCommand.SendMark(STREAM, "seg-2"),
                TwilioMessages.parseCommand(TwilioMessages.write(new StreamCommand.SendMark(STREAM, "seg-2"))));
        assertEquals(new StreamCommand.Clear(STREAM),
                TwilioMessages.parseCommand(TwilioMessages.write(new StreamCommand.Clear(STREAM))));
        var e = assertThrows(MalformedMessageException.class,
                () -> TwilioMessages.parseCommand("{\"event\":\"dance\",\"streamSid\":\"MZ1\"}"));
        assertTrue(e.getMessage().contains("unknown command"), e.getMessage());
    }

    private static void assertReason(String expected, String json) {
        var e = assertThrows(MalformedMessageException.class, () -> TwilioMessages.parse(json), json);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
