package dev.frontline.desktop.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WaitHistoryTest {
    @Test
    void aWholeDayStaysWithinTheirPointBudget() {
        WaitHistory h = new WaitHistory(Duration.ofSeconds(5));
        Instant t0 = Instant.parse("2026-11-22T00:00:00Z");
        for (int s = 0; s < 86_400; s += 1) {
            h.add(t0.plusSeconds(s), s == 43_200 ? 99 : 1, s / 100);
        }
        assertThat(h.points().size()).isLessThanOrEqualTo(WaitHistory.MAX_POINTS);
        assertThat(h.points()).anyMatch(p -> p.waiting() == 99);
        assertThat(h.points().get(h.points().size() - 1).longestWaitSeconds()).isEqualTo(863);
        assertThat(h.bucket()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        // and a chart of any window gets at most its budget of points, the peak kept
        Instant end = t0.plusSeconds(86_399);
        assertThat(h.within(end.minus(Duration.ofHours(24)), end)).hasSizeLessThanOrEqualTo(WaitHistory.CHART_POINTS)
                .anyMatch(p -> p.waiting() == 99);
        assertThat(h.within(end.minus(Duration.ofHours(1)), end)).hasSizeLessThanOrEqualTo(WaitHistory.CHART_POINTS)
                .hasSizeGreaterThan(60).allMatch(p -> !p.at().isBefore(end.minus(Duration.ofHours(1))));
    }

    @Test
    void aDeskOpenPastMidnightKeepsTheLastDayNotToday() {
        WaitHistory h = new WaitHistory(Duration.ofSeconds(5));
        Instant evening = Instant.parse("2026-11-22T22:00:00Z");
        h.add(evening, 4, 50);
        h.add(evening.plus(Duration.ofHours(3)), 1, 5); // 01:00 next day: the evening stays
        assertThat(h.points()).extracting(WaitHistory.Point::waiting).containsExactly(4, 1);
        h.add(evening.plus(Duration.ofHours(25)), 2, 9); // a day after the evening: it slides out
        assertThat(h.points()).extracting(WaitHistory.Point::waiting).containsExactly(1, 2);
    }
}
