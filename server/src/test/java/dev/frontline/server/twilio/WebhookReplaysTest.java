package dev.frontline.server.twilio;

import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookReplaysTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    final WebhookReplays replays = new WebhookReplays(clock);
    final AtomicInteger runs = new AtomicInteger();

    WebhookReplays.Reply run() {
        return new WebhookReplays.Reply(200, "application/xml", "<Response>" + runs.incrementAndGet() + "</Response>");
    }

    @Test
    void aRetryWithTheSameTokenGetsTheFirstAnswerWithoutRunningAgain() {
        WebhookReplays.Reply first = replays.answer("tok", "/twilio/gather", this::run);
        clock.advance(Duration.ofSeconds(15)); // Twilio retries after its 15 s timeout

        assertThat(replays.answer("tok", "/twilio/gather", this::run)).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void otherTokensOtherPathsNoTokenAndOldTokensRunAgain() {
        replays.answer("tok", "/twilio/gather", this::run);
        replays.answer("tok2", "/twilio/gather", this::run);
        replays.answer("tok", "/twilio/hold", this::run);
        replays.answer(null, "/twilio/gather", this::run);
        replays.answer(null, "/twilio/gather", this::run);
        clock.advance(WebhookReplays.KEEP);
        replays.answer("tok", "/twilio/gather", this::run);

        assertThat(runs).hasValue(6);
    }

    @Test
    void expiredAnswersAreDroppedFromMemory() {
        replays.answer("a", "/twilio/gather", this::run);
        replays.answer("b", "/twilio/gather", this::run);
        clock.advance(WebhookReplays.KEEP);
        replays.answer("c", "/twilio/gather", this::run);

        assertThat(replays.size()).isEqualTo(1);
    }

    @Test
    void aFailedAnswerIsNotKept() {
        assertThrows(IllegalStateException.class, () -> replays.answer("tok", "/twilio/dial", () -> {
            throw new IllegalStateException("database gone");
        }));

        assertThat(replays.answer("tok", "/twilio/dial", this::run).body()).isEqualTo("<Response>1</Response>");
    }
}
