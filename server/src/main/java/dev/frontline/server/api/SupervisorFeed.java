package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends supervisors a {@link ServerMessage.QueueSnapshot} every {@code tick} while something changed (default
 * 500 ms, so at least once per second), and every {@code idle} otherwise.
 */
public final class SupervisorFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupervisorFeed.class);

    private final DesktopHub hub;
    private final DeskEvents events;
    private final LiveDesks desks;
    private final QueueStatsSource queues;
    private final OperatorRepository operators;
    private final Clock clock;
    private final Duration idle;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "supervisor-feed");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerMessage.QueueSnapshot last;
    private volatile Instant lastSent = Instant.EPOCH;
    private volatile List<Operator> roster = List.of();
    private volatile Instant rosterAt = Instant.EPOCH;

    public SupervisorFeed(DesktopHub hub, DeskEvents events, LiveDesks desks, QueueStatsSource queues,
                          OperatorRepository operators, Clock clock, Duration tick, Duration idle) {
        this.hub = hub;
        this.events = events;
        this.desks = desks;
        this.queues = queues;
        this.operators = operators;
        this.clock = clock;
        this.idle = idle;
        timer.scheduleWithFixedDelay(dev.frontline.server.KeepRunning.guard("supervisor snapshot", log, this::tick), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            boolean changed = events.takeChanged();
            Instant now = clock.instant();
            if (events.takeCallbacksChanged()) { // every desk's Callbacks tab reads the list again (issue 22 item 9)
                hub.toAll(new ServerMessage.CallbacksChanged(now));
            }
            if (!hub.hasSupervisors()) {
                return;
            }
            if (changed || Duration.between(lastSent, now).compareTo(idle) >= 0) {
                hub.toSupervisors(snapshot());
                lastSent = now;
            }
        } catch (RuntimeException e) {
            log.error("supervisor snapshot failed", e);
        }
    }


    /** The current picture (also served by {@code GET /api/queues}). */
    public ServerMessage.QueueSnapshot snapshot() {
        Instant now = clock.instant();
        List<Views.OperatorRow> rows = new ArrayList<>();
        for (Operator o : roster(now)) {
            if (o.role() != Operator.Role.OPERATOR || !o.active()) {
                continue;
            }
            LiveDesks.Desk d = desks.get(o.id().value());
            rows.add(new Views.OperatorRow(o.id().value(), o.name(), d.state(), d.reason(), d.since(), o.skillNames(),
                    o.languages().stream().map(l -> l.code()).sorted().toList(),
                    d.current() == null ? null : d.current().callId()));
        }
        rows.sort(Comparator.comparing(Views.OperatorRow::login));
        ServerMessage.QueueSnapshot s = new ServerMessage.QueueSnapshot(now, queues.queues(), rows,
                events.recentAlerts());
        last = s;
        return s;
    }

    /**
     * The colleagues {@code login} may consult now ({@code GET /api/colleagues}): signed-in operators who are ready,
     * by name; no call ids or states of anyone.
     */
    List<Views.Colleague> colleagues(String login) {
        List<Views.Colleague> out = new ArrayList<>();
        for (Operator o : roster(clock.instant())) {
            if (o.role() != Operator.Role.OPERATOR || !o.active() || o.id().value().equals(login)
                    || desks.get(o.id().value()).state() != dev.frontline.core.acd.OperatorState.READY) {
                continue;
            }
            out.add(new Views.Colleague(o.id().value(), o.name(), o.skillNames(),
                    o.languages().stream().map(l -> l.code()).sorted().toList()));
        }
        out.sort(Comparator.comparing(Views.Colleague::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private List<Operator> roster(Instant now) {
        if (Duration.between(rosterAt, now).toSeconds() >= 30) {
            roster = operators.all();
            rosterAt = now;
        }
        return roster;
    }

    ServerMessage.QueueSnapshot last() {
        return last;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
