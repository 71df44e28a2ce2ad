package io.parley.telephony;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.parley.http.RequestRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What Parley will dial, from which number, and how often. Placing a call costs money, and a leaked API key
 * must not become a toll-fraud line to premium and satellite numbers, so every call passes here first:
 *
 * <ul>
 * <li>{@code to} must be a dialable E.164 number whose prefix {@code parley.outbound.allow} lists (by default the
 *     country calling code of the account's number) and {@code parley.outbound.deny} does not (by default the
 *     premium-rate and high-cost ranges below);</li>
 * <li>{@code from}, when given, must be one of the account's numbers ({@code twilio.phone-number});</li>
 * <li>a greeting is at most {@value #MAX_GREETING_CHARS} characters;</li>
 * <li>at most {@code parley.outbound.max-per-minute} calls are placed in any minute.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboundPolicy {

    public static final String ALLOW = "parley.outbound.allow";
    public static final String DENY = "parley.outbound.deny";
    public static final String MAX_PER_MINUTE = "parley.outbound.max-per-minute";
    public static final int MAX_GREETING_CHARS = 500;
    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{0,15}");

    /**
     * Refused by default even where the allow list reaches: premium-rate numbers in the North American plan
     * (900, 976); North American area codes that are other countries, with international rates and a history of
     * call-back fraud (the Caribbean); and the UK's premium, revenue-sharing and personal numbers (09, 084, 087,
     * 070). A range that holds one of the account's own numbers is left out.
     */
    static final List<String> HIGH_COST = List.of(
            "+1900", "+1976",
            "+1242", "+1246", "+1264", "+1268", "+1284", "+1345", "+1441", "+1473", "+1649", "+1658", "+1664",
            "+1721", "+1758", "+1767", "+1784", "+1809", "+1829", "+1849", "+1868", "+1869", "+1876",
            "+449", "+4484", "+4487", "+4470");

    private TwilioSettings twilio;
    private List<String> allow;
    private List<String> deny;
    private int maxPerMinute;
    private SlidingWindowLimit rate;

    protected OutboundPolicy() {
        // for the CDI proxy
    }

    @Inject
    public OutboundPolicy(TwilioSettings twilio, @ConfigProperty(name = ALLOW) Optional<String> allow,
                          @ConfigProperty(name = DENY) Optional<String> deny,
                          @ConfigProperty(name = MAX_PER_MINUTE, defaultValue = "10") int maxPerMinute) {
        this.twilio = twilio;
        List<String> own = twilio.phoneNumbers().stream().filter(PhoneNumbers::isE164).toList();
        this.allow = allow.map(list -> prefixes(ALLOW, list))
                .orElseGet(() -> own.stream().limit(1).map(PhoneNumbers::countryCode).toList());
        this.deny = deny.map(list -> prefixes(DENY, list))
                .orElseGet(() -> HIGH_COST.stream().filter(p -> own.stream().noneMatch(n -> n.startsWith(p))).toList());
        this.maxPerMinute = Math.max(1, maxPerMinute);
        this.rate = new SlidingWindowLimit(this.maxPerMinute, Duration.ofMinutes(1));
    }

    /** The prefixes calls may go to. */
    public List<String> allowed() {
        return allow;
    }

    /** The prefixes calls never go to. */
    public List<String> denied() {
        return deny;
    }

    public int maxPerMinute() {
        return maxPerMinute;
    }

    /** Checks the request's own values, before any setting is consulted. */
    public void checkRequest(String to, Optional<String> from, Optional<String> greeting) {
        if (to == null || to.isBlank()) {
            throw new RequestRefusedException(400, "\"to\" is required: the number to call in E.164 form, e.g. +15551234567");
        }
        if (!PhoneNumbers.isE164(to)) {
            throw new RequestRefusedException(400, "\"to\" must be an E.164 number such as +15551234567");
        }
        if (!PhoneNumbers.isDialable(to)) {
            throw new RequestRefusedException(400, "\"to\" " + to + " is too short to be a telephone number");
        }
        if (from.isPresent() && !PhoneNumbers.isE164(from.get())) {
            throw new RequestRefusedException(400, "\"from\" must be an E.164 number such as +15551234567");
        }
        if (greeting.isPresent() && greeting.get().length() > MAX_GREETING_CHARS) {
            throw new RequestRefusedException(400, "\"greeting\" is over " + MAX_GREETING_CHARS + " characters");
        }
    }

    /**
     * The caller ID of a call to {@code to}: {@code from} if it is one of the account's numbers, else the first.
     *
     * @throws RequestRefusedException (403) for a number or caller ID the configuration does not allow
     */
    public String callerId(String to, Optional<String> from) {
        List<String> own = twilio.phoneNumbers();
        if (from.isPresent() && !own.contains(from.get())) {
            throw new RequestRefusedException(403, "\"from\" " + from.get() + " is not one of the account's numbers in "
                    + TwilioSettings.describe(TwilioSettings.PHONE_NUMBER) + ": " + String.join(", ", own));
        }
        if (allow.stream().noneMatch(to::startsWith)) {
            throw new RequestRefusedException(403, "calls to " + to + " are not allowed: "
                    + TwilioSettings.describe(ALLOW) + " allows "
                    + (allow.isEmpty() ? "no prefix" : String.join(", ", allow)));
        }
        deny.stream().filter(to::startsWith).findFirst().ifPresent(prefix -> {
            throw new RequestRefusedException(403, "calls to " + to + " are refused: " + prefix + " is in "
                    + TwilioSettings.describe(DENY) + " (premium-rate and high-cost ranges by default)");
        });
        return from.orElseGet(() -> own.get(0));
    }

    /**
     * Takes one of the minute's calls.
     *
     * @throws RequestRefusedException (429) when {@code parley.outbound.max-per-minute} calls were placed in the
     *                                  last minute; it says when the next may go
     */
    public void takeSlot() {
        rate.acquire(System.nanoTime()).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new RequestRefusedException(429, maxPerMinute + " calls were placed in the last minute, the most "
                    + TwilioSettings.describe(MAX_PER_MINUTE) + " allows; try again in " + seconds + " s",
                    Duration.ofSeconds(seconds));
        });
    }

    /** A list of E.164 prefixes ("+44, +353", the plus optional; "+" alone is every number); "none" is empty. */
    static List<String> prefixes(String key, String list) {
        if (list.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> prefixes = new ArrayList<>();
        for (String item : list.split(",")) {
            String prefix = item.strip();
            if (prefix.isEmpty()) {
                continue;
            }
            prefix = prefix.startsWith("+") ? prefix : "+" + prefix;
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(TwilioSettings.describe(key)
                        + " must list E.164 prefixes such as +1 or +4420, not '" + item.strip() + "'");
            }
            prefixes.add(prefix);
        }
        return List.copyOf(prefixes);
    }
}
