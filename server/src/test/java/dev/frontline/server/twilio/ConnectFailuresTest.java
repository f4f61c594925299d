package dev.frontline.server.twilio;

import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectFailuresTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    final ConnectFailures failures = new ConnectFailures(clock);

    @Test
    void theFirstFailureIsReportedAtOnceLaterOnesBackOffUpToTwoSeconds() {
        assertThat(failures.failed("503").delay()).isZero();
        assertThat(failures.failed("503").delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(failures.failed("503").delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(failures.failed("503").delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(failures.failed("503").delay()).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 70; i++) {
            assertThat(failures.failed("503").delay()).isEqualTo(ConnectFailures.MAX_DELAY);
        }
        failures.succeeded();
        assertThat(failures.failed("503").delay()).isZero();
    }

    @Test
    void supervisorsAreAlertedAtTheThirdFailureInARowThenAtMostEveryFiveMinutes() {
        assertThat(failures.failed("Twilio 503").alert()).isEmpty();
        assertThat(failures.failed("Twilio 503").alert()).isEmpty();
        assertThat(failures.failed("Twilio 503").alert()).get().asString().startsWith("Twilio: 3 connects in a row failed (last: Twilio 503)");
        clock.advance(Duration.ofMinutes(4));
        assertThat(failures.failed("Twilio 503").alert()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(failures.failed("Twilio 503").alert()).get().asString().contains("5 connects in a row");

        failures.succeeded();
        assertThat(failures.failed("x").alert()).isEmpty();
    }
}
