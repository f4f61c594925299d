package dev.frontline.core.customer;

import java.util.Locale;
import java.util.Set;

/**
 * Which caller ids are "no number". Networks and providers rarely send an empty caller id for a withheld one:
 * Twilio sends {@code anonymous}, {@code Restricted}, {@code Unknown} or a keypad spelling of those words
 * ({@code +266696687} is A-N-O-N-Y-M-O-U-S, {@code +7378742833} RESTRICTED, {@code +2562533} BLOCKED,
 * {@code +8656696} UNKNOWN, {@code +86282452253} UNAVAILABLE); Asterisk writes {@code unknown} or {@code anonymous}
 * into {@code agi_callerid}; a SIP caller may be {@code sip:anonymous@anonymous.invalid}. Such a caller cannot be
 * called back, texted or recognised by its number. Stateless.
 */
public final class CallerNumbers {
    private static final Set<String> WORDS = Set.of("anonymous", "restricted", "unknown", "unavailable", "private",
            "withheld", "blocked", "not available", "no caller id", "unknown caller", "anonymous caller");
    private static final Set<String> SPELLED = Set.of("266696687", "7378742833", "2562533", "8656696", "86282452253");

    private CallerNumbers() {
    }

    /** True when {@code callerId} does not identify a caller (blank, a "withheld" word or its keypad spelling). */
    public static boolean isWithheld(String callerId) {
        if (callerId == null) {
            return true;
        }
        String id = callerId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("sip:")) {
            int at = id.indexOf('@');
            id = at < 0 ? id.substring(4) : id.substring(4, at);
        }
        if (id.isEmpty() || WORDS.contains(id)) {
            return true;
        }
        String digits = id.startsWith("+") ? id.substring(1) : id;
        return SPELLED.contains(digits);
    }

    /** {@code callerId}, or {@code ""} when it is withheld ({@link #isWithheld}). */
    public static String orEmpty(String callerId) {
        return isWithheld(callerId) ? "" : callerId.trim();
    }
}
