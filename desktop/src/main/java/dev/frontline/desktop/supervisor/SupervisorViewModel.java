package dev.frontline.desktop.supervisor;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.Desk;
import dev.frontline.desktop.net.LiveConnection;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wallboard. Snapshots arrive coalesced (the newest only) on the FX thread; tables are replaced at most every
 * {@link #MIN_REFRESH}, so a day with 100 operators and a snapshot per second never stalls the UI.
 */
public final class SupervisorViewModel implements LiveConnection.Listener {
    static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    static final int MAX_ALERTS = 200;
    static final Duration RATINGS_EVERY = Duration.ofMinutes(1);
    /** Line 1's target is 5 minutes: a ticket shows overdue at most this late. */
    static final Duration TICKETS_EVERY = Duration.ofSeconds(20);
    /** Operators on calls first, offline last. */
    static final List<OperatorState> DISPLAY_ORDER = List.of(OperatorState.TALKING, OperatorState.RINGING,
            OperatorState.WRAP_UP, OperatorState.READY, OperatorState.MISSED, OperatorState.BREAK, OperatorState.OFFLINE);

    private final Desk desk;
    private final SupervisorActionsViewModel actions;
    private final Clock clock;
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper(LiveConnection.Status.CONNECTING.name());
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ObservableList<Views.QueueStats> queues = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.QueueStats> queuesView = FXCollections.unmodifiableObservableList(queues);
    private final ObservableList<Views.OperatorRow> operators = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.OperatorRow> operatorsView = FXCollections.unmodifiableObservableList(operators);
    private final ObservableList<Views.Alert> alerts = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.Alert> alertsView = FXCollections.unmodifiableObservableList(alerts);
    private final Map<OperatorState, ReadOnlyIntegerWrapper> byState = new EnumMap<>(OperatorState.class);
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    private final ReadOnlyLongWrapper longestWait = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper breached = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper callbacksPending = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Instant> snapshotAt = new ReadOnlyObjectWrapper<>();
    private final WaitHistory history = new WaitHistory(Duration.ofSeconds(5));
    /** Callers' ratings today (read again every {@link #RATINGS_EVERY}); none until the first answer. */
    private final ReadOnlyObjectWrapper<Views.Ratings> ratings = new ReadOnlyObjectWrapper<>(new Views.Ratings(0, 0, List.of()));
    private Instant ratingsRead = Instant.MIN;
    /** Open tickets per line (read again every {@link #TICKETS_EVERY}); null until the first answer. */
    private final ReadOnlyObjectWrapper<Views.TicketLines> ticketLines = new ReadOnlyObjectWrapper<>();
    private Instant ticketsRead = Instant.MIN;
    private final Set<Views.Alert> seenAlerts = new HashSet<>();
    private Instant lastApplied = Instant.MIN;
    private ServerMessage.QueueSnapshot deferred;

    public SupervisorViewModel(Desk desk, Clock clock) {
        this.desk = desk;
        this.actions = new SupervisorActionsViewModel(desk);
        this.clock = clock;
        name.set(desk.session().name());
        for (OperatorState s : OperatorState.values()) byState.put(s, new ReadOnlyIntegerWrapper());
    }

    /** The charts' windows: the last hour, four hours, a day. */
    public static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));
    private final javafx.beans.property.ObjectProperty<Duration> window =
            new javafx.beans.property.SimpleObjectProperty<>(WINDOWS.get(0));

    /** How far back the charts look from now (one of {@link #WINDOWS}); they slide with the clock, past midnight. */
    public javafx.beans.property.ObjectProperty<Duration> windowProperty() { return window; }

    /** The chart's points in the window ending now, at most a few hundred. */
    public List<WaitHistory.Point> chartPoints() {
        Instant now = clock.instant();
        return history.within(now.minus(window.get()), now);
    }

    /** Starts live delivery and loads the charts of the last day (not since midnight) and the day's ratings. */
    public void start() {
        desk.listen(this);
        refreshRatings();
        refreshTickets();
        desk.waitHistory(clock.instant().minus(WaitHistory.KEPT)).whenComplete((points, e) -> {
            if (points != null) {
                history.seed(points.stream()
                        .map(p -> new WaitHistory.Point(p.at(), p.waiting(), p.longestWaitSeconds())).toList());
            } // else: the chart starts now, as before the server kept it
        });
    }

    /** The live connection: CONNECTING, ONLINE, RECONNECTING, EXPIRED or CLOSED. */
    /** Force state, listen / whisper / barge, caller priority. */
    public SupervisorActionsViewModel actions() { return actions; }
    public ReadOnlyStringProperty connectionProperty() { return connection.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ObservableList<Views.QueueStats> queues() { return queuesView; }
    public ObservableList<Views.OperatorRow> operators() { return operatorsView; }
    public ObservableList<Views.Alert> alerts() { return alertsView; }
    public ReadOnlyIntegerProperty countProperty(OperatorState s) { return byState.get(s).getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty waitingProperty() { return waiting.getReadOnlyProperty(); }
    public ReadOnlyLongProperty longestWaitProperty() { return longestWait.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty breachedProperty() { return breached.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty callbacksPendingProperty() { return callbacksPending.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> snapshotAtProperty() { return snapshotAt.getReadOnlyProperty(); }
    public ObservableList<WaitHistory.Point> history() { return history.points(); }
    public ReadOnlyObjectProperty<Views.Ratings> ratingsProperty() { return ratings.getReadOnlyProperty(); }

    /** Today's average rating of an operator and how many ratings, or null when none yet. */
    public Views.OperatorRating ratingOf(String login) {
        for (Views.OperatorRating r : ratings.get().operators()) {
            if (r.login().equals(login)) return r;
        }
        return null;
    }

    /** Each operator's day so far (calls handled, AHT, occupancy), read with the ratings; empty until answered. */
    private final ReadOnlyObjectWrapper<Map<String, Views.OperatorDay>> operatorDays = new ReadOnlyObjectWrapper<>(Map.of());

    public ReadOnlyObjectProperty<Map<String, Views.OperatorDay>> operatorDaysProperty() {
        return operatorDays.getReadOnlyProperty();
    }

    /** An operator's day so far, or null before the server answered (or when it does not know them). */
    public Views.OperatorDay dayOf(String login) {
        return operatorDays.get().get(login);
    }

    public ReadOnlyObjectProperty<Views.TicketLines> ticketLinesProperty() { return ticketLines.getReadOnlyProperty(); }

    /** Reads the open tickets per line again (kept as they were when the read fails). */
    public void refreshTickets() {
        ticketsRead = clock.instant();
        desk.ticketLines().whenComplete((t, e) -> {
            if (t != null) ticketLines.set(t);
        });
    }

    /** Reads the day's ratings again (callers rate after their call, so they come in all day). */
    public void refreshRatings() {
        ratingsRead = clock.instant();
        desk.ratings(I18n.startOfToday(clock)).whenComplete((r, e) -> {
            if (r != null) ratings.set(r);
        });
        desk.operatorDays(I18n.startOfToday(clock)).whenComplete((days, e) -> {
            if (days == null) return; // an older server: the columns stay empty
            Map<String, Views.OperatorDay> byLogin = new java.util.HashMap<>();
            for (Views.OperatorDay d : days) byLogin.put(d.login(), d);
            operatorDays.set(Map.copyOf(byLogin));
        });
    }


    @Override
    public void onStatus(LiveConnection.Status status, String detail) {
        connection.set(status.name());
    }

    @Override
    public void onMessage(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            name.set(w.name());
            actions.onWelcome(w.spy() != null && w.login() != null && w.login().equals(w.spy().supervisor())
                    ? w.spy() : null);
        } else if (m instanceof ServerMessage.SpyChanged s) {
            actions.onSpy(s);
        } else if (m instanceof ServerMessage.QueueSnapshot s) {
            Instant now = clock.instant();
            if (Duration.between(lastApplied, now).compareTo(MIN_REFRESH) < 0) {
                deferred = s;
                return;
            }
            apply(s, now);
        } else if (m instanceof ServerMessage.Alert a) {
            addAlert(a.alert());
        }
    }

    /**
     * Applies a snapshot held back by the refresh limit; called by the view's once-a-second timer.
     * @return whether the tables were refreshed
     */
    public boolean tick() {
        if (!clock.instant().isBefore(ratingsRead.plus(RATINGS_EVERY))) refreshRatings();
        if (!clock.instant().isBefore(ticketsRead.plus(TICKETS_EVERY))) refreshTickets();
        if (deferred == null) return false;
        apply(deferred, clock.instant());
        return true;
    }

    private void apply(ServerMessage.QueueSnapshot s, Instant now) {
        deferred = null;
        lastApplied = now;
        snapshotAt.set(s.at());
        List<Views.QueueStats> q = new ArrayList<>(s.queues());
        q.sort(Comparator.comparing((Views.QueueStats x) -> x.tier() == null ? "" : x.tier())
                .thenComparing(x -> x.queue() == null ? "" : x.queue()));
        queues.setAll(q);
        List<Views.OperatorRow> ops = new ArrayList<>(s.operators());
        ops.sort(Comparator.comparing((Views.OperatorRow o) -> DISPLAY_ORDER.indexOf(o.state()))
                .thenComparing(o -> o.since() == null ? Instant.MAX : o.since()));
        operators.setAll(ops);
        Map<OperatorState, Integer> counts = new EnumMap<>(OperatorState.class);
        for (Views.OperatorRow o : ops) counts.merge(o.state(), 1, Integer::sum);
        byState.forEach((st, p) -> p.set(counts.getOrDefault(st, 0)));
        int w = 0;
        long longest = 0;
        int br = 0;
        int cb = 0;
        for (Views.QueueStats x : q) {
            w += x.waiting();
            longest = Math.max(longest, x.longestWaitSeconds());
            if (QueueCard.red(x)) br++; // the tile counts the red cards
            cb += x.callbacksPending();
        }
        waiting.set(w);
        longestWait.set(longest);
        breached.set(br);
        callbacksPending.set(cb);
        history.add(s.at() == null ? now : s.at(), w, longest);
        if (s.recentAlerts() != null) {
            for (Views.Alert a : s.recentAlerts()) addAlert(a);
        }
    }

    private void addAlert(Views.Alert a) {
        if (!seenAlerts.add(a)) return;
        alerts.add(0, a);
        if (alerts.size() > MAX_ALERTS) {
            seenAlerts.remove(alerts.remove(alerts.size() - 1));
        }
    }
}
