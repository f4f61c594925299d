package dev.frontline.core.acd;

import dev.frontline.core.common.OperatorId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorDaysTest {
    private static final Instant DAY = Instant.parse("2026-12-06T00:00:00Z");

    private static AcdEvent st(String login, OperatorState s, int minute) {
        return new AcdEvent.OperatorStateChanged(new OperatorId(login), s, "", DAY.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void countsCallsHandledTheirHandlingTimeAndTheShareOfSignedInTimeOnCalls() {
        // ready at -30 (yesterday: the day starts Ready), two calls, a break that does not count as signed in
        List<AcdEvent> events = List.of(
                st("kasia", OperatorState.READY, -30),
                st("kasia", OperatorState.RINGING, 10), st("kasia", OperatorState.TALKING, 11),
                st("kasia", OperatorState.WRAP_UP, 17), st("kasia", OperatorState.READY, 19),
                st("kasia", OperatorState.BREAK, 30), st("kasia", OperatorState.READY, 50),
                st("kasia", OperatorState.RINGING, 55), st("kasia", OperatorState.TALKING, 56),
                st("kasia", OperatorState.WRAP_UP, 60), st("kasia", OperatorState.READY, 62));

        List<OperatorDays.Day> days = OperatorDays.of(events, DAY, DAY.plus(Duration.ofMinutes(70)));

        assertThat(days).hasSize(1);
        OperatorDays.Day d = days.get(0);
        assertThat(d.handled()).isEqualTo(2);
        assertThat(d.averageHandle()).isEqualTo(Duration.ofMinutes(7)); // (6+2 + 4+2) / 2
        // busy 1+6+2 + 1+4+2 = 16 min of 70 - 20 (break) = 50 signed in
        assertThat(d.occupancyPercent()).isEqualTo(32.0);
    }

    @Test
    void aCallTakenBeforeTheDayIsNotHandledTodayAndOfflineIsNotSignedIn() {
        List<AcdEvent> events = List.of(st("olga", OperatorState.TALKING, -5), st("olga", OperatorState.WRAP_UP, 5),
                st("olga", OperatorState.OFFLINE, 10), st("maja", OperatorState.OFFLINE, 1));

        List<OperatorDays.Day> days = OperatorDays.of(events, DAY, DAY.plus(Duration.ofMinutes(60)));

        assertThat(days).extracting(OperatorDays.Day::login).containsExactly("maja", "olga");
        assertThat(days.get(0).occupancyPercent()).isZero();
        assertThat(days.get(1).handled()).isZero();
        assertThat(days.get(1).averageHandle()).isEqualTo(Duration.ZERO);
        assertThat(days.get(1).occupancyPercent()).isEqualTo(100.0); // 10 min signed in, all on the call
    }
}
