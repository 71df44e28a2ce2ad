package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
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
}
