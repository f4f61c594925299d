package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.customer.OutageClusters;
import dev.frontline.core.customer.OutageRepository;
import dev.frontline.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Suggests an outage to supervisors when technical calls from one service area cluster ({@code outages.suggest-*}):
 * an alert of kind {@code outage-suggested} naming the area, at most once per area per hour, never for an area with an
 * ongoing outage. Supervisors confirm it through the outages administration. Listens to the ACD (queued technical
 * calls of identified customers); the area lookup runs on its own thread, never the routing thread. The window is not
 * lost with the process: before counting its first call, a (re)started server replays the technical calls the store
 * holds from the last {@code suggest-within + suggest-at-most-every}, so a cluster that began on a server that died,
 * or a suggestion it made, still counts.
 */
public final class OutageSuggestions implements Consumer<AcdEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutageSuggestions.class);
    public static final String KIND = "outage-suggested";
    /** A call reaches the queue at most this long after it started (the menu); bounds the catch-up's index range. */
    private static final Duration MENU_AT_MOST = Duration.ofHours(1);

    private final Database db;
    private final OutageRepository outages;
    private final OutageClusters clusters;
    private final Consumer<Views.Alert> alerts;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outage-suggestions");
        t.setDaemon(true);
        return t;
    });

    private boolean caughtUp;

    public OutageSuggestions(Database db, OutageRepository outages, OutageClusters.Settings settings,
                             Consumer<Views.Alert> alerts) {
        this.db = db;
        this.outages = outages;
        this.clusters = new OutageClusters(settings);
        this.alerts = alerts;
    }

    @Override
    public void accept(AcdEvent e) {
        if (e instanceof AcdEvent.CallQueued q && q.call().intent() == Intent.TECHNICAL && q.call().customer().isPresent()) {
            CustomerId customer = q.call().customer().get();
            Instant at = q.at();
            try {
                worker.execute(() -> technicalCall(customer, at));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // shutting down
            }
        }
    }

    /** Counts one queued technical call of {@code customer} (runs on the worker thread; tests call it directly). */
    void technicalCall(CustomerId customer, Instant at) {
        try {
            if (!caughtUp) {
                caughtUp = true;
                catchUp(at);
            }
            Optional<String> area = areaOf(customer);
            if (area.isEmpty() || outages.activeIn(area.get(), at).isPresent()) return;
            OptionalInt n = clusters.technicalCall(area.get(), at);
            if (n.isPresent()) {
                long minutes = clusters.settings().within().toMinutes();
                alerts.accept(new Views.Alert(at, "warning", n.getAsInt() + " technical calls from " + area.get()
                        + " in " + minutes + " min: an outage there? Confirm it in the outages administration (area "
                        + area.get() + ").", null, null, KIND, null, null, null));
                log.info("outage suggested for {}: {} technical calls in {} min", area.get(), n.getAsInt(), minutes);
            }
        } catch (RuntimeException ex) {
            log.warn("outage suggestion: could not count a technical call of customer {}", customer.value(), ex);
        }
    }

    /** Feeds the clusters the stored technical calls queued before {@code at}, as they were counted then. */
    private void catchUp(Instant at) {
        OutageClusters.Settings s = clusters.settings();
        long from = at.minus(s.within()).minus(s.quiet()).toEpochMilli();
        record Stored(Instant at, String area) { }
        List<Stored> calls = db.inTransaction(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.queued_at, u.service_area FROM calls c"
                    + " JOIN customers u ON u.id = c.customer_id WHERE c.started_at >= ? AND c.queued_at >= ?"
                    + " AND c.queued_at < ? AND c.intent = 'technical' ORDER BY c.queued_at")) {
                ps.setLong(1, from - MENU_AT_MOST.toMillis());
                ps.setLong(2, from);
                ps.setLong(3, at.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String area = rs.getString(2);
                        if (area != null && !area.isBlank()) out.add(new Stored(Instant.ofEpochMilli(rs.getLong(1)), area));
                    }
                }
            }
            return out;
        });
        for (Stored call : calls) {
            if (outages.activeIn(call.area(), call.at()).isEmpty()) clusters.technicalCall(call.area(), call.at());
        }
        if (!calls.isEmpty()) log.info("outage suggestions: {} technical calls from before the start counted", calls.size());
    }

    private Optional<String> areaOf(CustomerId customer) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT service_area FROM customers WHERE id = ?")) {
                ps.setLong(1, customer.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)).filter(a -> !a.isBlank()) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
