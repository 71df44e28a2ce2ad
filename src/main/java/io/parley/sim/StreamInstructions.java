package io.parley.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** What Twilio reads from a webhook's TwiML to open a media stream: the {@code <Stream>} URL and parameters. */
public record StreamInstructions(String url, Map<String, String> parameters) {

    public static StreamInstructions parse(String twiml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
            NodeList streams = doc.getElementsByTagName("Stream");
            if (streams.getLength() == 0 || !"Connect".equals(streams.item(0).getParentNode().getNodeName())) {
                throw new IOException("the TwiML has no <Connect><Stream>: " + twiml);
            }
            Element stream = (Element) streams.item(0);
            String url = stream.getAttribute("url");
            if (url.isBlank()) {
                throw new IOException("<Stream> has no url: " + twiml);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            NodeList list = stream.getElementsByTagName("Parameter");
            for (int i = 0; i < list.getLength(); i++) {
                Element p = (Element) list.item(i);
                parameters.put(p.getAttribute("name"), p.getAttribute("value"));
            }
            return new StreamInstructions(url, Map.copyOf(parameters));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the webhook did not answer with TwiML: " + e.getMessage(), e);
        }
    }
}
