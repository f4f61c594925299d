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
        assertThat(h.bucket()).isGreaterThanOrEqualTo(Duration.ofSeconds(360));
    }
}
