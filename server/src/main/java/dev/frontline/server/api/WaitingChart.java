package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorDays;
import dev.frontline.core.acd.WaitingOverTime;
import dev.frontline.core.api.Views;
import dev.frontline.core.store.JdbcAcdEventLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The wallboard's chart of the day so far ({@code GET /api/wallboard/history}): callers on the line and the longest
 * wait per bucket, rebuilt from the call event log, so a wallboard opened at noon shows the morning (live snapshots
 * carry on from there). At most a day back; buckets of 5 s doubled until there are at most {@link #MOST_POINTS},
 * the steps the desktop's own chart coarsens by.
 */
final class WaitingChart {
    static final int MOST_POINTS = 200;
    /** Events read before the start, for callers who arrived earlier and still wait then. */
    static final Duration LOOK_BACK = Duration.ofHours(4);
    private static final Duration MOST_SPAN = Duration.ofHours(24);

    private final JdbcAcdEventLog log;
    private final Clock clock;

    WaitingChart(JdbcAcdEventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    List<Views.WaitPoint> since(Instant from) {
        Instant now = clock.instant();
        Instant start = from.isBefore(now.minus(MOST_SPAN)) ? now.minus(MOST_SPAN) : from.isAfter(now) ? now : from;
        return WaitingOverTime.of(log.since(start.minus(LOOK_BACK), WaitingOverTime.KINDS), start, now,
                        bucketFor(Duration.between(start, now))).stream()
                .map(p -> new Views.WaitPoint(p.at(), p.waiting(), p.longestWaitSeconds()))
                .toList();
    }

    /**
     * Every operator's day since {@code from} (at most a day back; {@code GET /api/wallboard/operators}): calls
     * handled, AHT, occupancy, from the state changes in the same event log (read from a day before it, for the
     * state each was in when it began).
     */
    List<Views.OperatorDay> operatorDays(Instant from) {
        Instant now = clock.instant();
        Instant start = from.isBefore(now.minus(MOST_SPAN)) ? now.minus(MOST_SPAN) : from.isAfter(now) ? now : from;
        return OperatorDays.of(log.since(start.minus(MOST_SPAN), OperatorDays.KINDS), start, now).stream()
                .map(d -> new Views.OperatorDay(d.login(), d.handled(), d.averageHandle().toSeconds(),
                        Math.round(d.occupancyPercent() * 10) / 10.0))
                .toList();
    }

    static Duration bucketFor(Duration span) {
        long seconds = 5;
        while (span.toSeconds() / seconds >= MOST_POINTS) {
            seconds *= 2;
        }
        return Duration.ofSeconds(seconds);
    }
}
