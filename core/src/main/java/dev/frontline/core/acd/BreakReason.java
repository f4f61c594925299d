package dev.frontline.core.acd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an operator is on {@link OperatorState#BREAK}: stored and sent as its {@link #code()} ({@code lunch}), worded
 * only on screen in the reader's language (ADR 0063, ADR 0104). Reports group break time by it.
 */
public enum BreakReason {
    COFFEE, LUNCH, TRAINING, MEETING, TECHNICAL;

    /** The stored, wire and report form: {@code lunch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason with this code, if there is one. */
    public static Optional<BreakReason> of(String code) {
        if (code == null) return Optional.empty();
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /**
     * The code of a break's reason as sent by a desk: blank is no reason (""), a known code is itself.
     *
     * @throws IllegalArgumentException for anything else (a translated label such as "Обед"), naming the codes
     */
    public static String checked(String code) {
        if (code == null || code.isBlank()) return "";
        return of(code.trim()).map(BreakReason::code).orElseThrow(() -> new IllegalArgumentException(
                "unknown break reason '" + code + "': send one of " + codes()));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(BreakReason::code).toList();
    }
}
