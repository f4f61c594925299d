package dev.frontline.core.desk;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeskHoursTest {
    private static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");

    private static Instant at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), VILNIUS).toInstant();
    }

    @Test
    void openInsideTheSpanClosedAtItsEnd() {
        DeskHours h = DeskHours.defaults(VILNIUS); // Mon-Fri 08-20, Sat 09-15
        assertThat(h.isOpen(at("2026-03-02T07:59:59"))).isFalse(); // Monday
        assertThat(h.isOpen(at("2026-03-02T08:00"))).isTrue();
        assertThat(h.isOpen(at("2026-03-02T19:59:59"))).isTrue();
        assertThat(h.isOpen(at("2026-03-02T20:00"))).isFalse();
        assertThat(h.isOpen(at("2026-03-07T14:00"))).isTrue(); // Saturday
        assertThat(h.isOpen(at("2026-03-08T12:00"))).isFalse(); // Sunday
    }

    @Test
    void timeZoneOfTheDeskDecides() {
        DeskHours h = DeskHours.defaults(VILNIUS);
        // 06:30 UTC on a Monday in winter is 08:30 in Vilnius
        assertThat(h.isOpen(Instant.parse("2026-03-02T06:30:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-03-02T05:30:00Z"))).isFalse();
    }

    @Test
    void nextOpeningSkipsTheWeekendAndHolidays() {
        DeskHours h = new DeskHours(VILNIUS, Map.of(
                DayOfWeek.MONDAY, new DeskHours.Span(LocalTime.of(8, 0), LocalTime.of(20, 0)),
                DayOfWeek.TUESDAY, new DeskHours.Span(LocalTime.of(8, 0), LocalTime.of(20, 0))),
                Set.of(LocalDate.parse("2026-03-09")));
        // Tuesday evening -> next Monday is a holiday -> Tuesday 08:00
        assertThat(h.nextOpening(at("2026-03-03T21:00"))).contains(at("2026-03-10T08:00"));
        // before opening the same day
        assertThat(h.nextOpening(at("2026-03-03T06:00"))).contains(at("2026-03-03T08:00"));
        // open now: now
        assertThat(h.nextOpening(at("2026-03-03T09:00"))).contains(at("2026-03-03T09:00"));
        assertThat(h.isOpen(at("2026-03-09T10:00"))).isFalse();
    }

    @Test
    void closesAtTheEndOfTodaysSpan() {
        DeskHours h = DeskHours.defaults(VILNIUS);
        assertThat(h.closesAt(at("2026-03-07T10:00"))).contains(at("2026-03-07T15:00"));
        assertThat(h.closesAt(at("2026-03-08T10:00"))).isEmpty();
    }

    @Test
    void openingAcrossTheSpringForwardChangeIsInLocalTime() {
        // Lithuania moves clocks on 2026-03-29 (Sunday); Monday opens at 08:00 EEST = 05:00 UTC
        DeskHours h = DeskHours.defaults(VILNIUS);
        assertThat(h.nextOpening(Instant.parse("2026-03-28T20:00:00Z"))).contains(Instant.parse("2026-03-30T05:00:00Z"));
    }

    @Test
    void neverOpenDeskHasNoNextOpening() {
        assertThat(new DeskHours(VILNIUS, Map.of(), Set.of()).nextOpening(at("2026-03-03T09:00"))).isEmpty();
    }
}
