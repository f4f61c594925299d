package dev.frontline.core.desk;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When the desk is staffed: one opening span per weekday (absent = closed all day), holidays closed, all in the desk's
 * time zone. A span is half-open: open at {@code from}, closed at {@code to}. Immutable, thread-safe.
 */
public final class DeskHours {
    private static final int HORIZON_DAYS = 400;

    private final ZoneId zone;
    private final Map<DayOfWeek, Span> week;
    private final Set<LocalDate> holidays;

    public DeskHours(ZoneId zone, Map<DayOfWeek, Span> week, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.week = week.isEmpty() ? Map.of() : new EnumMap<>(week);
        this.holidays = Set.copyOf(holidays);
    }

    /** Mon-Fri 08:00-20:00, Sat 09:00-15:00, Sun closed, no holidays. */
    public static DeskHours defaults(ZoneId zone) {
        Map<DayOfWeek, Span> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                week.put(d, new Span(LocalTime.of(8, 0), LocalTime.of(20, 0)));
            }
        }
        week.put(DayOfWeek.SATURDAY, new Span(LocalTime.of(9, 0), LocalTime.of(15, 0)));
        return new DeskHours(zone, week, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Optional<Span> on(DayOfWeek day) {
        return Optional.ofNullable(week.get(day));
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Span span = spanOn(local.toLocalDate());
        return span != null && !local.toLocalTime().isBefore(span.from()) && local.toLocalTime().isBefore(span.to());
    }

    /** {@code at} itself when open, else the next moment the desk opens; empty when it never opens again. */
    public Optional<Instant> nextOpening(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at);
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            Span span = spanOn(day);
            if (span == null) {
                continue;
            }
            Instant opens = ZonedDateTime.of(day, span.from(), zone).toInstant();
            if (opens.isAfter(at)) {
                return Optional.of(opens);
            }
        }
        return Optional.empty();
    }

    /** When the current opening span ends; empty when closed at {@code at}. */
    public Optional<Instant> closesAt(Instant at) {
        if (!isOpen(at)) {
            return Optional.empty();
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        return Optional.of(ZonedDateTime.of(day, week.get(day.getDayOfWeek()).to(), zone).toInstant());
    }

    private Span spanOn(LocalDate day) {
        return holidays.contains(day) ? null : week.get(day.getDayOfWeek());
    }

    /** Open from {@code from} (inclusive) to {@code to} (exclusive) on the same day. */
    public record Span(LocalTime from, LocalTime to) {
        public Span {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("opening " + from + " must be before closing " + to);
            }
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }
}
