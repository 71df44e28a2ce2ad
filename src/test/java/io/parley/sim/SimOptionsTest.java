package io.parley.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimOptionsTest {

    @Test
    void theEchoLineTestAsksForTheEchoAgent() {
        SimOptions echo = SimOptions.parse(new String[] {"--echo"});
        assertEquals(Optional.of("echo"), echo.agent(), "--echo calls the echo agent");
        assertTrue(echo.echo());

        SimOptions deadLine = SimOptions.parse(new String[] {"--echo", "--agent", "assistant"});
        assertEquals(Optional.of("assistant"), deadLine.agent(), "unless told otherwise (then the line test must fail)");

        assertEquals(Optional.empty(), SimOptions.parse(new String[] {"--say", "Hello."}).agent(),
                "without --echo the server's configured agent answers");
    }

    @Test
    void theServerOfDevModeIsTheDefault() {
        SimOptions options = SimOptions.parse(new String[0]);
        assertEquals("http://localhost:9080", options.url().toString());
        assertEquals(options.url(), options.publicUrl());
        assertTrue(options.transcripts());
        assertFalse(SimOptions.parse(new String[] {"--no-transcript"}).transcripts());
    }
}
