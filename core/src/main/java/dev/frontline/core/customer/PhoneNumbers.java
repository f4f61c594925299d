package dev.frontline.core.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Normalises phone numbers as people and switches write them ({@code 8 (912) 345-67-89}, {@code +370 612 34567},
 * {@code 0612 34567}) to E.164 ({@code +79123456789}) with libphonenumber. Numbers without a country code are read
 * in the configured default region. Only numbers libphonenumber considers valid are accepted. Thread-safe.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    static final int MEMO_LIMIT = 10_000;

    private final String defaultRegion;
    private final Map<String, Optional<String>> memo = new ConcurrentHashMap<>();

    /** @param defaultRegion ISO 3166 two-letter region, e.g. {@code LT}, used for numbers without {@code +country} */
    public PhoneNumbers(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "' (expected a two-letter country code such as LT, PL, SI, RU, GB)");
        }
        this.defaultRegion = region;
    }

    /** Whether {@code s} is written as E.164 ({@code +} and 7-15 digits); says nothing about the number being valid. */
    public static boolean isE164(String s) {
        return s != null && E164.matcher(s).matches();
    }

    /** Whether {@code code} is an ISO 3166 region libphonenumber knows ({@code LT}, {@code pl}); not {@code 001}. */
    public static boolean isRegion(String code) {
        return code != null && UTIL.getSupportedRegions().contains(code.strip().toUpperCase(Locale.ROOT));
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * The E.164 form of {@code raw}, or empty when it is blank, unparseable or not a valid number. Remembers the
     * last {@value #MEMO_LIMIT} or so answers: a call asks for its calling number several times, and libphonenumber's
     * parse and validation cost tens of microseconds each.
     */
    public Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<String> known = memo.get(raw);
        if (known != null) {
            return known;
        }
        Optional<String> e164;
        try {
            e164 = Optional.of(requireE164(raw));
        } catch (IllegalArgumentException e) {
            e164 = Optional.empty();
        }
        memo(raw, e164);
        return e164;
    }

    /** Records that {@code e164} is a valid number in E.164 (it is on file), so {@link #toE164} need not parse it. */
    public void remember(String e164) {
        memo(e164, Optional.of(e164));
    }

    private void memo(String raw, Optional<String> e164) {
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear(); // crude but bounded; refills with the numbers of the calls in progress
        }
        memo.put(raw, e164);
    }

    /**
     * The E.164 form of {@code raw}.
     *
     * @throws IllegalArgumentException saying why the number was refused (blank, not a number, too short, not valid
     *                                  in its region)
     */
    public String requireE164(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("phone number is empty");
        }
        String text = raw.trim();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a phone number (" + reason(e) + ")");
        }
        if (!UTIL.isValidNumber(number)) {
            String region = UTIL.getRegionCodeForNumber(number);
            throw new IllegalArgumentException("'" + raw + "' is not a valid phone number"
                    + (region == null ? " (unknown country code +" + number.getCountryCode() + ")"
                    : " in " + region + (text.startsWith("+") ? "" : " (default region " + defaultRegion + ")")));
        }
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static String reason(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case NOT_A_NUMBER -> "not a number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }
}
