package dev.frontline.core.sms;

import dev.frontline.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmsRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final SmsRateLimiter limiter =
            new SmsRateLimiter(new SmsRateLimiter.Limits(3, 5, Duration.ofHours(1)), clock);

    @Test
    void refusesTheFourthTextToOneCustomerWithinAnHour() {
        Optional<String> customer = Optional.of("42");
        assertThat(limiter.tryAcquire(customer, "+37060000001")).isEmpty();
        assertThat(limiter.tryAcquire(customer, "+37060000002")).isEmpty();
        assertThat(limiter.tryAcquire(customer, "+37060000003")).isEmpty();

        assertThat(limiter.tryAcquire(customer, "+37060000004")).contains("at most 3 texts per customer per hour");
    }

    @Test
    void refusesTheSixthTextToOneNumberAcrossCustomers() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(Optional.of("c" + i), "+37060000001")).isEmpty();
        }
        assertThat(limiter.tryAcquire(Optional.of("other"), "+37060000001")).contains("at most 5 texts per number per hour");
        assertThat(limiter.tryAcquire(Optional.empty(), "+37060000001")).isPresent();
    }

    @Test
    void aRefusedSendDoesNotUseTheOtherBudget() {
        Optional<String> customer = Optional.of("7");
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(customer, "+37060000009");
        }
        // refused for the customer: the number's budget (3 of 5 used) must stay untouched
        limiter.tryAcquire(customer, "+37060000009");
        assertThat(limiter.tryAcquire(Optional.of("8"), "+37060000009")).isEmpty();
        assertThat(limiter.tryAcquire(Optional.of("9"), "+37060000009")).isEmpty();
        assertThat(limiter.tryAcquire(Optional.of("10"), "+37060000009")).isPresent();
    }

    @Test
    void theWindowSlides() {
        Optional<String> customer = Optional.of("42");
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(customer, "+3706000000" + i);
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(limiter.tryAcquire(customer, "+37060000005")).isPresent();

        clock.advance(Duration.ofMinutes(30).plusSeconds(1)); // the first send is now older than an hour
        assertThat(limiter.tryAcquire(customer, "+37060000005")).isEmpty();
    }

    @Test
    void recordedHistoryCounts() {
        limiter.record(Optional.of("42"), "+37060000001", clock.instant().minus(Duration.ofMinutes(5)));
        limiter.record(Optional.of("42"), "+37060000001", clock.instant().minus(Duration.ofMinutes(50)));
        limiter.record(Optional.of("42"), "+37060000001", clock.instant().minus(Duration.ofMinutes(70))); // too old

        assertThat(limiter.tryAcquire(Optional.of("42"), "+37060000001")).isEmpty();
        assertThat(limiter.tryAcquire(Optional.of("42"), "+37060000001")).isPresent();
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new SmsRateLimiter.Limits(0, 5, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new SmsRateLimiter.Limits(3, 5, Duration.ZERO));
    }
}
