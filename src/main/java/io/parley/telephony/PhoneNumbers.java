package io.parley.telephony;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * E.164 numbers: a plus sign, a country code that does not start with 0, at most 15 digits in all; which of
 * them can be dialled; and the country calling code a number begins with.
 */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** The North American Numbering Plan: ten digits, the area code starting with 2-9. */
    private static final Pattern NANP = Pattern.compile("\\+1[2-9][0-9]{9}");
    /** The shortest numbers in service have 7 digits with their country code (Niue, Tokelau). */
    static final int MIN_DIGITS = 7;

    /**
     * Country calling codes of two digits (ITU-T E.164 assignments). Codes are prefix-free: a number in zone 1 or 7
     * has a one-digit code, one that starts with one of these has a two-digit code, and any other a three-digit one.
     */
    private static final Set<String> TWO_DIGIT_CODES = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98");

    private PhoneNumbers() {
    }

    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /**
     * Whether an E.164 number is long enough to be a telephone number at all, and, in zone 1, has the ten digits
     * of the North American plan: {@code +12345} is well formed but reaches no one (or a short code).
     */
    public static boolean isDialable(String number) {
        if (!isE164(number) || number.length() - 1 < MIN_DIGITS) {
            return false;
        }
        return !number.startsWith("+1") || NANP.matcher(number).matches();
    }

    /** The country calling code an E.164 number starts with, with its plus: {@code +1}, {@code +44}, {@code +353}. */
    public static String countryCode(String number) {
        if (!isE164(number)) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        char first = number.charAt(1);
        if (first == '1' || first == '7') {
            return number.substring(0, 2);
        }
        if (number.length() >= 3 && TWO_DIGIT_CODES.contains(number.substring(1, 3))) {
            return number.substring(0, 3);
        }
        return number.substring(0, Math.min(number.length(), 4));
    }
}
