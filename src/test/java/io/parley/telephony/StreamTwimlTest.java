package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class StreamTwimlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void connectsTheCallToTheStreamWithItsParameters() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("From", "+15551230000");
        params.put("To", "+15559870000");
        params.put("CallSid", "CA0123");
        params.put("Direction", "inbound");
        Document twiml = parse(StreamTwiml.connect("wss://example.com/twilio/media", params));

        Element response = twiml.getDocumentElement();
        assertEquals("Response", response.getTagName());
        Element connect = (Element) response.getElementsByTagName("Connect").item(0);
        Element stream = (Element) connect.getElementsByTagName("Stream").item(0);
        assertEquals("wss://example.com/twilio/media", stream.getAttribute("url"));
        NodeList parameters = stream.getElementsByTagName("Parameter");
        Map<String, String> got = new LinkedHashMap<>();
        for (int i = 0; i < parameters.getLength(); i++) {
            Element p = (Element) parameters.item(i);
            got.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertEquals(params, got);
    }

    @Test
    void escapesValuesAndLeavesOutNulls() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Greeting", "Hi <Ann> & \"Bob\"");
        params.put("Missing", null);
        String xml = StreamTwiml.connect("wss://example.com/twilio/media", params);
        Element p = (Element) parse(xml).getElementsByTagName("Parameter").item(0);
        assertEquals("Hi <Ann> & \"Bob\"", p.getAttribute("value"));
        assertEquals(1, parse(xml).getElementsByTagName("Parameter").getLength());
        assertFalse(xml.contains("Missing"));
    }
}
