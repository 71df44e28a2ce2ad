package io.parley.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonDepthTest {

    @Test
    void countsObjectsAndListsOutsideStrings() {
        String start = "{\"event\":\"start\",\"start\":{\"tracks\":[\"inbound\"],\"customParameters\":{\"From\":\"+1\"}}}";
        assertFalse(JsonDepth.deeperThan(start, 3), "Twilio's start nests three deep");
        assertTrue(JsonDepth.deeperThan(start, 2));
        assertTrue(JsonDepth.deeperThan("[".repeat(9), 8), "unbalanced text counts too");
        assertFalse(JsonDepth.deeperThan("{\"a\":\"{{{{{{{{{{[[[[[[\"}", 1), "braces inside a string are text");
        assertFalse(JsonDepth.deeperThan("{\"a\":\"\\\"{{{{{{{{{{\"}", 1), "an escaped quote does not end the string");
        assertFalse(JsonDepth.deeperThan("", 0));
    }
}
