package io.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.http.FormBody;
import io.parley.logging.LogSafe;
import io.parley.telephony.media.MalformedMessageException;
import io.parley.telephony.media.TwilioMessages;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two parsers that take text from outside, fed 100,000 mutations each of frames and webhooks as Twilio
 * sends them. Each input must be parsed or refused with the parser's own exception, nothing else; and none may
 * be costly: an input that took over a millisecond is run again five times, and the fastest of those must be
 * under a millisecond (a pause of the collector or the compiler does not repeat; a costly input does).
 */
class ParserFuzzTest {

    private static final int INPUTS = 100_000;
    private static final long LIMIT_NANOS = 1_000_000;
    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);

    private static final String STREAM = "MZ18ad3ab5a668481ce02b83e7395059f0";
    private static final String CALL = "CA9b5b1f4e2c5a0a7d8f3e6c1b2a4d5e6f";
    private static final String ACCOUNT = "AC25e16e9a716a4a1786a7c83f58e30482";

    /** Frames in the shapes Twilio sends (TWILIO.md) and Parley sends back. */
    static List<String> frames() {
        byte[] audio = new byte[160];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (0x7f - i);
        }
        String payload = Base64.getEncoder().encodeToString(audio);
        return List.of(
                "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}",
                "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"" + ACCOUNT + "\",\"streamSid\":\""
                        + STREAM + "\",\"callSid\":\"" + CALL + "\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":"
                        + "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},\"customParameters\":{\"From\":\"+15551230000\","
                        + "\"To\":\"+15559870000\",\"CallSid\":\"" + CALL + "\",\"Direction\":\"inbound\",\"StreamToken\":"
                        + "\"Qm9ndXMtdG9rZW4tZm9yLWZ1eno\"}},\"streamSid\":\"" + STREAM + "\"}",
                "{\"event\":\"media\",\"sequenceNumber\":\"4\",\"media\":{\"track\":\"inbound\",\"chunk\":\"2\",\"timestamp\":\"5\","
                        + "\"payload\":\"" + payload + "\"},\"streamSid\":\"" + STREAM + "\"}",
                "{\"event\":\"dtmf\",\"streamSid\":\"" + STREAM + "\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":\"inbound_track\","
                        + "\"digit\":\"1\"}}",
                "{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"" + STREAM + "\",\"mark\":{\"name\":\"seg-17\"}}",
                "{\"event\":\"stop\",\"sequenceNumber\":\"5\",\"stop\":{\"accountSid\":\"" + ACCOUNT + "\",\"callSid\":\"" + CALL
                        + "\"},\"streamSid\":\"" + STREAM + "\"}",
                "{\"event\":\"media\",\"streamSid\":\"" + STREAM + "\",\"media\":{\"payload\":\"" + payload + "\"}}",
                "{\"event\":\"clear\",\"streamSid\":\"" + STREAM + "\"}");
    }

    /** Bodies in the shapes of Twilio's voice webhook and status callback. */
    static List<String> webhooks() {
        return List.of(
                "AccountSid=" + ACCOUNT + "&ApiVersion=2010-04-01&CallSid=" + CALL + "&CallStatus=ringing&Called=%2B15559870000"
                        + "&CalledCity=&CalledCountry=US&Caller=%2B15551230000&CallerName=J%C3%BCrgen+M%C3%BCller&Direction=inbound"
                        + "&From=%2B15551230000&FromCountry=US&To=%2B15559870000",
                "AccountSid=" + ACCOUNT + "&CallSid=" + CALL + "&CallStatus=completed&CallDuration=42&Direction=outbound-api"
                        + "&From=%2B15005550006&To=%2B15551234567&Timestamp=Thu%2C+03+Dec+2026+15%3A24%3A34+%2B0000"
                        + "&SequenceNumber=3&StatusCallbackEvent=completed");
    }

    @Test
    void mediaStreamMessagesAreParsedOrRefusedQuickly() {
        fuzz(frames(), input -> {
            try {
                TwilioMessages.parse(input);
            } catch (MalformedMessageException e) {
                // refused: what should happen to most of them
            }
            try {
                TwilioMessages.parseCommand(input);
            } catch (MalformedMessageException e) {
                // the simulator's side of the same wire
            }
        });
    }

    @Test
    void webhookFormsAreParsedOrRefusedQuickly() {
        fuzz(webhooks(), input -> {
            try {
                FormBody.parse(input);
            } catch (FormBody.MalformedFormException e) {
                // refused
            }
        });
    }

    private interface Parser {
        void parse(String input);
    }

    private static void fuzz(List<String> corpus, Parser parser) {
        Mutator mutator = new Mutator(SEED, corpus);
        List<String> slow = new ArrayList<>();
        long worst = 0;
        int refusedOrParsed = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = mutator.next();
            long started = System.nanoTime();
            try {
                parser.parse(input);
            } catch (Throwable t) {
                fail("input " + i + " (seed " + SEED + ") threw " + t + ": " + LogSafe.quoted(input), t);
            }
            long took = System.nanoTime() - started;
            if (took > LIMIT_NANOS) {
                slow.add(input);
            }
            refusedOrParsed++;
        }
        for (String input : slow) {
            long fastest = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                long started = System.nanoTime();
                parser.parse(input);
                fastest = Math.min(fastest, System.nanoTime() - started);
            }
            worst = Math.max(worst, fastest);
            assertTrue(fastest < LIMIT_NANOS, "an input takes " + fastest / 1000 + " µs at best (seed " + SEED + "): "
                    + LogSafe.text(input, 300));
        }
        System.out.printf("%d inputs, none threw; %d took over 1 ms once, the slowest of those %d µs at best%n",
                refusedOrParsed, slow.size(), worst / 1000);
    }
}
