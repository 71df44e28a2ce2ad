package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {

    @Test
    void namesTheEnvironmentVariableOfASetting() {
        assertEquals("twilio.auth-token (TWILIO_AUTH_TOKEN)", TwilioSettings.describe(TwilioSettings.AUTH_TOKEN));
        assertEquals("parley.public-url (PARLEY_PUBLIC_URL)", TwilioSettings.describe(PublicUrls.PUBLIC_URL));
    }

    @Test
    void blankValuesCountAsUnset() {
        TwilioSettings settings = TwilioSettings.of("  ", "", null, " ");
        assertFalse(settings.signatureChecksEnabled());
        assertTrue(settings.apiBaseUrl().isEmpty());
        assertEquals(List.of("twilio.account-sid (TWILIO_ACCOUNT_SID)", "twilio.auth-token (TWILIO_AUTH_TOKEN)"),
                settings.missingForRestApi());
    }

    @Test
    void accountWithoutTokenCannotCallTheApi() {
        TwilioSettings settings = TwilioSettings.of("AC123", null, "+15551230000", null);
        assertEquals(List.of("twilio.auth-token (TWILIO_AUTH_TOKEN)"), settings.missingForRestApi());
    }

    @Test
    void completeSettingsAreReadyForTheApiAndSignatures() {
        TwilioSettings settings = TwilioSettings.of("AC123", " token ", null, null);
        assertTrue(settings.missingForRestApi().isEmpty());
        assertTrue(settings.signatureChecksEnabled());
        assertEquals("token", settings.authToken().orElseThrow());
    }
}
