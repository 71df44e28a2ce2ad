package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+15551234567", "+442071838750", "+491701234567", "+12", "+123456789012345"})
    void acceptsE164(String number) {
        assertTrue(PhoneNumbers.isE164(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234567", "+0123456789", "+1 555 123 4567", "+1-555-123-4567", "+1234567890123456",
            "+", "", "+1555123456a", "client:alice"})
    void rejectsEverythingElse(String number) {
        assertFalse(PhoneNumbers.isE164(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12025550123", "+442071838750", "+6834001", "+35312345678", "+8821234567"})
    void dialableNumbers(String number) {
        assertTrue(PhoneNumbers.isDialable(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12345", "+1202555012", "+120255501234", "+10025550123", "+11025550123", "+44123", "+683400"})
    void numbersThatReachNoOne(String number) {
        assertFalse(PhoneNumbers.isDialable(number));
    }

    @ParameterizedTest
    @CsvSource({"+15005550006, +1", "+79161234567, +7", "+442071838750, +44", "+4915112345678, +49",
            "+35312345678, +353", "+8821234567, +882", "+2479876, +247", "+19005551234, +1", "+8613800138000, +86",
            "+85221234567, +852", "+2125221234, +212", "+201001234567, +20"})
    void countryCodes(String number, String code) {
        assertEquals(code, PhoneNumbers.countryCode(number));
    }

    @Test
    void countryCodeOfAShortNumberIsTheWholeNumberAtMost() {
        assertEquals("+35", PhoneNumbers.countryCode("+35"));
    }
}
