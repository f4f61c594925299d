package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Alerts supervisors when an open ticket passes its line's target (line 1 5 min, line 2 10 min, line 3 24 h by
 * default): each sweep reads the open tickets whose due time fell since the last sweep, and notes in the store how far
 * it looked. So after a restart the first sweep alerts the tickets that passed their target while the server was
 * down, up to {@link #RESTART_LOOK_BACK} back (older ones would be news to nobody; the wallboard's tickets by line
 * counts them). One sweeping thread.
 */
final class TicketWatch {
    /** Alerts per sweep at most: a flood (e.g. a clock jump) is cut, the wallboard still counts every ticket. */
    static final int MAX_PER_SWEEP = 50;
    /** How far back the first sweep after a restart looks for targets passed while the server was down. */
    static final Duration RESTART_LOOK_BACK = Duration.ofHours(1);

    private final DeskQueries queries;
    private final Function<Tier, Duration> target;
    private final Clock clock;
    private final Consumer<Views.Alert> alerts;
    private Instant checkedUpTo;

    TicketWatch(DeskQueries queries, Function<Tier, Duration> target, Clock clock, Consumer<Views.Alert> alerts) {
        this.queries = queries;
        this.target = target;
        this.clock = clock;
        this.alerts = alerts;
        Instant now = clock.instant();
        Instant earliest = now.minus(RESTART_LOOK_BACK);
        this.checkedUpTo = queries.ticketWatchMark().filter(now::isAfter)
                .map(mark -> mark.isAfter(earliest) ? mark : earliest).orElse(now);
    }

    void sweep() {
        Instant now = clock.instant();
        if (!now.isAfter(checkedUpTo)) {
            return;
        }
        for (Views.TicketSummary t : queries.passedTarget(checkedUpTo, now, MAX_PER_SWEEP)) {
            Tier tier = Tier.valueOf(t.tier().toUpperCase(Locale.ROOT));
            Duration limit = target.apply(tier);
            String line = "line " + (tier.ordinal() + 1);
            alerts.accept(new Views.Alert(t.dueAt(), "warning", "Ticket " + t.ticketId() + " (" + line + ") passed its "
                    + span(limit) + " target: " + t.subject(), tier.name().toLowerCase(Locale.ROOT), null,
                    "ticket-overdue", limit.toSeconds(), null, t.ticketId()));
        }
        checkedUpTo = now;
        queries.markTicketWatch(now);
    }

    /** "5 min", "24 h", "1 h 30 min". */
    static String span(Duration d) {
        long m = d.toMinutes();
        if (m < 60) return m + " min";
        return m % 60 == 0 ? m / 60 + " h" : m / 60 + " h " + m % 60 + " min";
    }
}
