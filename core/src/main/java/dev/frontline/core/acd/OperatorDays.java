package dev.frontline.core.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each operator's day, rebuilt from the ACD's state changes: calls and callbacks handled (each time they went
 * Talking), the average handling time (talking and wrap-up per call handled) and occupancy (ringing, talking and
 * wrap-up as a share of the time signed in and not on a break). Pure.
 */
public final class OperatorDays {

    /** One operator's day: handled calls, average handling time, occupancy in percent (0 when never signed in). */
    public record Day(String login, int handled, Duration averageHandle, double occupancyPercent) {}

    /** The only events read. */
    public static final Set<Class<? extends AcdEvent>> KINDS = Set.of(AcdEvent.OperatorStateChanged.class);

    private static final Set<OperatorState> BUSY = Set.of(OperatorState.RINGING, OperatorState.TALKING,
            OperatorState.WRAP_UP);
    private static final Set<OperatorState> HANDLING = Set.of(OperatorState.TALKING, OperatorState.WRAP_UP);

    private static final class Tally {
        OperatorState state = OperatorState.OFFLINE;
        Instant since;
        int handled;
        long handlingMs;
        long busyMs;
        long signedInMs;

        void close(Instant until) {
            if (since == null || !until.isAfter(since)) return;
            long ms = Duration.between(since, until).toMillis();
            if (state != OperatorState.OFFLINE && state != OperatorState.BREAK) signedInMs += ms;
            if (BUSY.contains(state)) busyMs += ms;
            if (HANDLING.contains(state)) handlingMs += ms;
        }
    }

    private OperatorDays() {}

    /**
     * The day from {@code from} to {@code to}, from state changes in the order they happened; changes before
     * {@code from} only set the state an operator was in when it began.
     */
    public static List<Day> of(List<AcdEvent> events, Instant from, Instant to) {
        Map<String, Tally> byLogin = new TreeMap<>();
        for (AcdEvent e : events) {
            if (!(e instanceof AcdEvent.OperatorStateChanged c) || !c.at().isBefore(to)) continue;
            Tally t = byLogin.computeIfAbsent(c.operator().value(), k -> new Tally());
            Instant at = c.at().isBefore(from) ? from : c.at();
            t.close(at);
            if (c.state() == OperatorState.TALKING && t.state != OperatorState.TALKING && !c.at().isBefore(from)) {
                t.handled++;
            }
            t.state = c.state();
            t.since = at;
        }
        List<Day> out = new ArrayList<>();
        byLogin.forEach((login, t) -> {
            t.close(to);
            out.add(new Day(login, t.handled, t.handled == 0 ? Duration.ZERO : Duration.ofMillis(t.handlingMs / t.handled),
                    t.signedInMs == 0 ? 0 : 100.0 * t.busyMs / t.signedInMs));
        });
        return out;
    }
}
