package io.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void decodesPlusAndPercentEscapes() throws Exception {
        Map<String, List<String>> params = FormBody.parse("From=%2B15551230000&Body=hello+there&Name=J%C3%BCrgen");
        assertEquals(List.of("+15551230000"), params.get("From"));
        assertEquals(List.of("hello there"), params.get("Body"));
        assertEquals(List.of("Jürgen"), params.get("Name"));
    }

    @Test
    void keepsRepeatedNamesInOrderAndEmptyValues() throws Exception {
        Map<String, List<String>> params = FormBody.parse("StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&Empty=&Flag");
        assertEquals(List.of("initiated", "ringing"), params.get("StatusCallbackEvent"));
        assertEquals(List.of(""), params.get("Empty"));
        assertEquals(List.of(""), params.get("Flag"));
        assertEquals("initiated", FormBody.firstValues(params).get("StatusCallbackEvent"));
    }

    @Test
    void emptyOrMissingBodyHasNoParameters() throws Exception {
        assertTrue(FormBody.parse("").isEmpty());
        assertTrue(FormBody.parse(null).isEmpty());
        assertTrue(FormBody.parse("&&").isEmpty());
    }

    @Test
    void aBrokenEscapeIsRefusedWithWhereItIs() {
        for (String body : List.of("CallSid=CA1&From=%", "CallSid=%zz", "From=%2", "%G1=x")) {
            var e = assertThrows(FormBody.MalformedFormException.class, () -> FormBody.parse(body), body);
            assertTrue(e.getMessage().matches("field [12] of the form has a broken %-escape"), e.getMessage());
        }
    }
}
