package dev.frontline.core.desk;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is texted about technical failures after hours: consultants' mobiles by weekday and time of day, in the desk's
 * time zone ({@code desk.on-duty}). Everyone whose shift covers the moment is alerted. A shift is half-open (from
 * inclusive, to exclusive); one that runs past midnight is stored as two. Immutable, thread-safe.
 */
public final class OnDutyRota {
    /** Nobody is on duty (no texts). */
    public static final OnDutyRota NOBODY = new OnDutyRota(ZoneId.of("UTC"), List.of());

    /** One consultant on one weekday from {@code from} to {@code to} ({@link LocalTime#MAX} = midnight). */
    public record Shift(String name, String mobile, DayOfWeek day, LocalTime from, LocalTime to) {
        public Shift {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mobile, "mobile");
            Objects.requireNonNull(day, "day");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a shift must start before it ends: " + from + "-" + to);
            }
        }

        boolean covers(DayOfWeek d, LocalTime t) {
            return d == day && !t.isBefore(from) && t.isBefore(to);
        }
    }

    private final ZoneId zone;
    private final List<Shift> shifts;

    public OnDutyRota(ZoneId zone, List<Shift> shifts) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.shifts = List.copyOf(shifts);
    }

    /** One consultant on duty around the clock (the old {@code desk.on-duty-mobile}). */
    public static OnDutyRota always(String name, String mobile, ZoneId zone) {
        return new OnDutyRota(zone, java.util.Arrays.stream(DayOfWeek.values())
                .map(d -> new Shift(name, mobile, d, LocalTime.MIN, LocalTime.MAX)).toList());
    }

    /** The mobiles of everyone on duty at {@code at}, each once, in configuration order. */
    public List<String> mobilesAt(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        DayOfWeek d = local.getDayOfWeek();
        LocalTime t = local.toLocalTime();
        Set<String> out = new LinkedHashSet<>();
        for (Shift s : shifts) {
            if (s.covers(d, t)) {
                out.add(s.mobile());
            }
        }
        return List.copyOf(out);
    }

    /** True when nobody is ever on duty. */
    public boolean isEmpty() {
        return shifts.isEmpty();
    }

    public List<Shift> shifts() {
        return shifts;
    }

    public ZoneId zone() {
        return zone;
    }
}
