package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

    private static PublicUrl resolve(String configured, String proto, String forwardedHost, String host, String scheme) {
        return PublicUrl.resolve(Optional.ofNullable(configured), proto, forwardedHost, host, scheme, "10.0.0.5:9080");
    }

    @Test
    void configuredUrlWinsOverHeaders() {
        PublicUrl url = resolve("https://abc.ngrok.app", "http", "proxy.internal", "localhost:9080", "http");
        assertEquals("https://abc.ngrok.app/twilio/voice", url.http("/twilio/voice"));
        assertEquals("wss://abc.ngrok.app/twilio/media", url.webSocket("/twilio/media"));
    }

    @Test
    void configuredUrlMayEndInASlashAndCarryAPort() {
        assertEquals("https://example.com:8443/twilio/status", PublicUrl.parse("https://example.com:8443/").http("/twilio/status"));
    }

    @Test
    void httpBaseGivesPlainWebSocket() {
        assertEquals("ws://example.com/twilio/media", PublicUrl.parse("http://example.com").webSocket("/twilio/media"));
    }

    @Test
    void forwardedHeadersRebuildTheTunnelUrl() {
        PublicUrl url = resolve(null, "https", "abc.trycloudflare.com", "localhost:9080", "http");
        assertEquals("https://abc.trycloudflare.com/twilio/voice", url.http("/twilio/voice"));
        assertEquals("wss://abc.trycloudflare.com/twilio/media", url.webSocket("/twilio/media"));
    }

    @Test
    void firstOfSeveralForwardedValuesIsTheClientFacingOne() {
        PublicUrl url = resolve(null, "https, http", "public.example.com, lb.internal", "localhost", "http");
        assertEquals("https://public.example.com/x", url.http("/x"));
    }

    @Test
    void forwardedProtoAloneKeepsTheHostHeader() {
        // ngrok forwards the public Host header and adds X-Forwarded-Proto
        assertEquals("wss://abc.ngrok.app/twilio/media",
                resolve(null, "https", null, "abc.ngrok.app", "http").webSocket("/twilio/media"));
    }

    @Test
    void hostHeaderAndRequestSchemeWithoutProxy() {
        assertEquals("ws://localhost:9080/twilio/media",
                resolve(null, null, null, "localhost:9080", "http").webSocket("/twilio/media"));
    }

    @Test
    void serverAddressWhenTheRequestHasNoHostHeader() {
        assertEquals("http://10.0.0.5:9080/x", resolve(null, null, null, null, "http").http("/x"));
    }

    @Test
    void malformedConfiguredUrlsAreRejectedWithTheSettingNamed() {
        var noScheme = assertThrows(IllegalArgumentException.class, () -> PublicUrl.parse("abc.ngrok.app"));
        assertTrue(noScheme.getMessage().contains("parley.public-url"));
        var withPath = assertThrows(IllegalArgumentException.class, () -> PublicUrl.parse("https://example.com/parley"));
        assertTrue(withPath.getMessage().contains("path"));
        assertThrows(IllegalArgumentException.class, () -> PublicUrl.parse("ftp://example.com"));
    }
}
