package io.parley.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text, keeping every value of a repeated name in order. */
public final class FormBody {

    private FormBody() {
    }

    /**
     * @throws MalformedFormException when a name or value has a broken {@code %} escape; nothing else is thrown
     */
    public static Map<String, List<String>> parse(String body) throws MalformedFormException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        int field = 0;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            field++;
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair, field);
            String value = eq >= 0 ? decode(pair.substring(eq + 1), field) : "";
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The first value of each name: the shape Twilio's signature algorithm signs (Twilio never repeats a name). */
    public static Map<String, String> firstValues(Map<String, List<String>> params) {
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
        return Collections.unmodifiableMap(first);
    }

    private static String decode(String text, int field) throws MalformedFormException {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedFormException("field " + field + " of the form has a broken %-escape");
        }
    }

    /** A form body that is not {@code application/x-www-form-urlencoded} text; the message says where. */
    public static final class MalformedFormException extends Exception {
        public MalformedFormException(String message) {
            super(message);
        }
    }
}
