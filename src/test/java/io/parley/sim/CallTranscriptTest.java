package io.parley.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The transcript the simulator prints, from a call as {@code GET /api/calls/{sid}} shows it. */
class CallTranscriptTest {

    private static final String CALL = """
            {"active":false,"answeredAt":"2026-12-03T15:00:00.500Z","callSid":"CA1","createdAt":"2026-12-03T15:00:00Z",
             "direction":"inbound","status":"completed","turns":[
              {"at":"2026-12-03T15:00:03.100Z","interrupted":false,"speaker":"agent",
               "text":"Hello, this is Parley. How can I help you?"},
              {"at":"2026-12-03T15:00:07.900Z","interrupted":false,"speaker":"caller","text":"hello who are you"},
              {"at":"2026-12-03T15:00:09.400Z","interrupted":true,"speaker":"agent","text":"I'm Parley,",
               "unheard":"a voice assistant.","timings":{"transcript":40,"voiceToVoice":612,"turnCommitted":210}},
              {"at":"2026-12-03T15:00:12.000Z","interrupted":false,"keys":"42#","speaker":"caller",
               "text":"[The caller pressed on the phone's keypad: 4 2 #]"},
              {"at":"2026-12-03T15:01:15.000Z","failure":"language model: timed out","interrupted":false,
               "speaker":"agent","text":"","timings":{"voiceToVoice":1410}}]}
            """;

    @Test
    void readsWhoSaidWhatWhenFromTheAnswer() {
        CallTranscript transcript = CallTranscript.parse("CA1", CALL);
        assertNull(transcript.problem());
        assertEquals(5, transcript.lines().size());
        CallTranscript.Line reply = transcript.lines().get(2);
        assertEquals(Duration.ofMillis(8900), reply.at());
        assertEquals("agent", reply.speaker());
        assertEquals(612L, reply.voiceToVoiceMillis());
        assertEquals("interrupted; not heard: \"a voice assistant.\"", reply.note());
        assertNull(transcript.lines().get(1).voiceToVoiceMillis());
    }

    @Test
    void printsALineATurn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CallTranscript.parse("CA1", CALL).print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("""
                Call CA1
                  00:02.6  agent   Hello, this is Parley. How can I help you?
                  00:07.4  caller  hello who are you
                  00:08.9  agent   I'm Parley,   [voice to voice 612 ms]   (interrupted; not heard: "a voice assistant.")
                  00:11.5  caller  [The caller pressed on the phone's keypad: 4 2 #]   (keys 42#)
                  01:14.5  agent   …   [voice to voice 1410 ms]   (failed: language model: timed out)
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void saysWhyThereIsNone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CallTranscript("CA2", java.util.List.of(), "the server's /api needs its key: --api-key or PARLEY_API_KEY")
                .print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("Call CA2: no transcript (the server's /api needs its key: --api-key or PARLEY_API_KEY)\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
