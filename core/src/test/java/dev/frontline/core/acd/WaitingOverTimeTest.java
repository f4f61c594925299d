package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.acd.WaitingOverTime.Point;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.frontline.core.acd.AcdFixtures.call;
import static dev.frontline.core.acd.AcdFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;

class WaitingOverTimeTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static AcdEvent queued(String id, int seconds) {
        return new AcdEvent.CallQueued(new CallId(id), call(id, Intent.TECHNICAL, at(seconds)), at(seconds));
    }

    static AcdEvent offered(String id, int seconds) {
        return new AcdEvent.CallOffered(new CallId(id), op("anna"), "sim:anna", at(seconds));
    }

    @Test
    void eachMinuteHasTheMostCallersOnTheLineAndTheLongestWaitSeenInIt() {
        List<AcdEvent> events = List.of(
                queued("c1", 10), queued("c2", 20),
                offered("c1", 40), new AcdEvent.CallRequeued(new CallId("c1"), op("anna"), at(55)), // missed: back, first arrival kept
                offered("c1", 90),
                new AcdEvent.CallAbandoned(new CallId("c2"), at(100)),
                queued("c3", 130),
                new AcdEvent.CallbackQueued(new CallbackId(1), Optional.of(new CallId("c3")), "+37060000000",
                        new CallbackRequest(Optional.of(new CallId("c3")), Optional.empty(), "+37060000000",
                                Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, at(130), Optional.empty(),
                                Optional.empty(), "virtual hold"), at(150), at(150)));

        List<Point> points = WaitingOverTime.of(events, T0, at(300), MINUTE);

        assertThat(points).containsExactly(
                new Point(T0, 2, 50),        // c1 and c2; at 10:01 c1 (back in line) has waited 50 s
                new Point(at(60), 2, 80),    // c2 has waited 80 s when it hangs up
                new Point(at(120), 1, 20),   // c3 took a callback after 20 s: it keeps its place, off the line
                new Point(at(180), 0, 0),
                new Point(at(240), 0, 0));
    }

    @Test
    void aCallerWhoArrivedBeforeTheStartCountsAndTheLastBucketEndsNow() {
        List<AcdEvent> events = List.of(queued("early", -90), offered("early", 30), queued("late", 400));

        List<Point> points = WaitingOverTime.of(events, at(15), at(150), MINUTE);

        assertThat(points).containsExactly(
                new Point(T0, 1, 120),       // aligned down to 10:00; waited 90 s at 10:00, 120 s when rung
                new Point(at(60), 0, 0),
                new Point(at(120), 0, 0));   // up to now (10:02:30); the call at 10:06:40 is not read
    }
}
