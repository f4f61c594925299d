package dev.frontline.core.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numbers a desk calls back on a stranger's request (the web form): mobile and fixed lines of the allowed
 * countries, by libphonenumber's type, never premium, shared-cost, satellite or other non-geographic numbers, and
 * never the desk's own numbers (a callback to itself would ring an operator for nobody). Thread-safe, immutable.
 */
public final class CallableNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    static final Set<PhoneNumberType> CALLABLE = EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private final Set<String> countries;
    private final Set<String> deskNumbers;
    private final java.util.function.Supplier<? extends java.util.Collection<String>> liveDeskNumbers;

    /**
     * @param countries   ISO 3166 regions whose numbers are called back (e.g. {@code LT}, {@code PL}); not empty
     * @param deskNumbers the desk's own numbers in E.164 (blank ones are ignored)
     * @throws IllegalArgumentException naming a region libphonenumber does not know
     */
    public CallableNumbers(Set<String> countries, Set<String> deskNumbers) {
        this(countries, deskNumbers, java.util.List::of);
    }

    /**
     * @param liveDeskNumbers more of the desk's own numbers in E.164, asked at every {@link #check}: the on-duty rota's
     *                        mobiles as stored now (ADR 0143), so a consultant added while the server runs is never
     *                        called back; must be thread-safe and cheap enough to ask per request
     */
    public CallableNumbers(Set<String> countries, Set<String> deskNumbers,
                           java.util.function.Supplier<? extends java.util.Collection<String>> liveDeskNumbers) {
        this.liveDeskNumbers = java.util.Objects.requireNonNull(liveDeskNumbers, "liveDeskNumbers");
        if (countries.isEmpty()) {
            throw new IllegalArgumentException("at least one country is needed");
        }
        TreeSet<String> known = new TreeSet<>();
        for (String c : countries) {
            String region = c == null ? "" : c.strip().toUpperCase(Locale.ROOT);
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("'" + c + "' is not a country code (two letters, e.g. LT, PL, SI)");
            }
            known.add(region);
        }
        this.countries = Set.copyOf(known);
        this.deskNumbers = deskNumbers.stream().filter(n -> n != null && !n.isBlank()).map(String::strip)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public Set<String> countries() {
        return countries;
    }

    /** Why the desk will not call {@code e164} back. */
    public record Refusal(String code, String detail) {}

    /**
     * Empty when the desk may call {@code e164} (a valid number in E.164); else why not: {@code phone-desk} (our own
     * number), {@code phone-country} (detail: the country, or {@code +881} for a non-geographic number),
     * {@code phone-type} (detail: premium rate, toll free, shared cost, ...).
     */
    public Optional<Refusal> check(String e164) {
        if (deskNumbers.contains(e164) || liveDeskNumbers.get().contains(e164)) {
            return Optional.of(new Refusal("phone-desk", e164));
        }
        PhoneNumber n;
        try {
            n = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return Optional.of(new Refusal("phone-type", "not a number"));
        }
        String region = UTIL.getRegionCodeForNumber(n);
        if (region == null || !countries.contains(region)) {
            return Optional.of(new Refusal("phone-country", region == null || "001".equals(region)
                    ? "+" + n.getCountryCode() : region));
        }
        PhoneNumberType type = UTIL.getNumberType(n);
        if (!CALLABLE.contains(type)) {
            return Optional.of(new Refusal("phone-type", type.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return Optional.empty();
    }
}
