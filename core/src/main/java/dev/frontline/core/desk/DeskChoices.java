package dev.frontline.core.desk;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator picks from after a call ({@code desk.dispositions}, {@code desk.callback-times}): the call's
 * disposition codes and the callback times offered. Sent to the desktop at login; the server refuses a disposition
 * that is not listed.
 *
 * @param dispositions  codes ({@code resolved}, {@code no-action}): lower-case letters, digits and dashes, unique
 * @param callbackTimes in the order offered; the first is preselected
 */
public record DeskChoices(List<String> dispositions, List<CallbackTime> callbackTimes) {
    /** A disposition code: what the desktop translates ({@code disp.<code>}) and the calls' history keeps. */
    public static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public static final DeskChoices DEFAULTS = new DeskChoices(
            List.of("resolved", "ticket", "escalated", "callback", "sale", "no-action"),
            List.of(CallbackTime.in(Duration.ofHours(1)), CallbackTime.in(Duration.ofHours(3)),
                    CallbackTime.nextDayAt(LocalTime.of(9, 0))));

    public DeskChoices {
        dispositions = List.copyOf(dispositions);
        callbackTimes = List.copyOf(callbackTimes);
        if (dispositions.isEmpty()) throw new IllegalArgumentException("lists no disposition");
        if (callbackTimes.isEmpty()) throw new IllegalArgumentException("lists no callback time");
        Set<String> seen = new HashSet<>();
        for (String d : dispositions) {
            if (!CODE.matcher(d).matches()) {
                throw new IllegalArgumentException("'" + d + "' is not a disposition code (lower-case letters, digits "
                        + "and dashes, up to 40, like no-action)");
            }
            if (!seen.add(d)) throw new IllegalArgumentException("'" + d + "' is listed twice");
        }
    }

    public boolean allows(String disposition) {
        return dispositions.contains(disposition);
    }

    /** After a span from now ({@code after}), or the next day at a time of day ({@code nextDayAt}); exactly one. */
    public record CallbackTime(Duration after, LocalTime nextDayAt) {
        public CallbackTime {
            if ((after == null) == (nextDayAt == null)) {
                throw new IllegalArgumentException("a callback time is either a span or the next day at a time");
            }
            if (after != null && (after.isNegative() || after.isZero() || after.compareTo(Duration.ofDays(7)) > 0)) {
                throw new IllegalArgumentException("must be longer than 0 and at most 7 days, not " + after);
            }
            if (after != null && after.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("must be whole minutes, not " + after);
            }
        }

        public static CallbackTime in(Duration after) {
            return new CallbackTime(Objects.requireNonNull(after), null);
        }

        public static CallbackTime nextDayAt(LocalTime at) {
            return new CallbackTime(null, Objects.requireNonNull(at));
        }
    }
}
