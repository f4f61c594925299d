package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.Views;
import dev.frontline.core.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.Javalin;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The desk's metrics in Prometheus format ({@code GET /metrics}, Micrometer) and {@code GET /health} for a load
 * balancer (200 while the store answers, 503 when it does not). Both are unauthenticated and hold no personal data:
 * counts and latencies only. Gauges are read at scrape time; the ACD listener only increments counters.
 */
public final class DeskMetrics implements Consumer<AcdEvent> {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database db;
    private final Timer webhooks;
    private final Timer agiTurns;
    private final MultiGauge waiting;
    private final MultiGauge operators;
    private final MultiGauge sms;

    DeskMetrics(Database db, QueueStatsSource queues, LiveDesks desks) {
        this.db = db;
        this.webhooks = Timer.builder("frontline.webhook.latency").description("Twilio webhook answer time")
                .publishPercentileHistogram().register(registry);
        this.agiTurns = Timer.builder("frontline.agi.latency").description("FastAGI script turn time (menu step)")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("frontline.store.writer.queue", db, Database::pendingWrites)
                .description("writes queued for the store and not yet committed").register(registry);
        this.waiting = MultiGauge.builder("frontline.queue.waiting").description("callers waiting per queue and line")
                .register(registry);
        this.operators = MultiGauge.builder("frontline.operators").description("operators by state").register(registry);
        this.sms = MultiGauge.builder("frontline.sms").description("SMS messages by status").register(registry);
        this.queues = queues;
        this.desks = desks;
        for (String outcome : List.of("answered", "abandoned", "lost", "transferred", "callback")) {
            calls(outcome); // present at 0 from the start, so a dashboard's rate() has a series
        }
    }

    private final QueueStatsSource queues;
    private final LiveDesks desks;

    private Counter calls(String outcome) {
        return Counter.builder("frontline.calls").description("calls by how they left the queue")
                .tag("outcome", outcome).register(registry);
    }

    /** Counts the ACD's outcomes; runs on the routing thread, only increments. */
    @Override
    public void accept(AcdEvent e) {
        if (e instanceof AcdEvent.CallAnswered) calls("answered").increment();
        else if (e instanceof AcdEvent.CallAbandoned) calls("abandoned").increment();
        else if (e instanceof AcdEvent.CallLost) calls("lost").increment();
        else if (e instanceof AcdEvent.CallTransferred) calls("transferred").increment();
        else if (e instanceof AcdEvent.CallbackQueued) calls("callback").increment();
    }

    public void recordWebhook(Duration d) {
        webhooks.record(d);
    }

    public void recordAgiTurn(Duration d) {
        agiTurns.record(d);
    }

    /** The Prometheus text of every meter, gauges read now. */
    public String scrape() {
        List<MultiGauge.Row<?>> w = new ArrayList<>();
        for (Views.QueueStats q : queues.queues()) {
            w.add(MultiGauge.Row.of(Tags.of("queue", q.queue(), "line", q.tier() == null ? "" : q.tier()), q.waiting()));
        }
        waiting.register(w, true);
        List<MultiGauge.Row<?>> o = new ArrayList<>();
        Map<OperatorState, Long> byState = desks.countByState();
        for (OperatorState s : OperatorState.values()) {
            o.add(MultiGauge.Row.of(Tags.of("state", s.name().toLowerCase(Locale.ROOT)), byState.getOrDefault(s, 0L)));
        }
        operators.register(o, true);
        List<MultiGauge.Row<?>> m = new ArrayList<>();
        smsByStatus().forEach((status, n) -> m.add(MultiGauge.Row.of(Tags.of("status", status), n)));
        sms.register(m, true);
        return registry.scrape();
    }

    private Map<String, Long> smsByStatus() {
        return db.read(c -> {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT status, count(*) FROM sms_messages GROUP BY status")) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    void register(Javalin app) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape()));
        app.get("/health", ctx -> {
            boolean store;
            try {
                store = db.read(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                        return rs.next();
                    }
                });
            } catch (RuntimeException e) {
                store = false;
            }
            ctx.status(store ? 200 : 503).json(Map.of("status", store ? "up" : "down", "store", store ? "ok" : "failing",
                    "pendingWrites", db.pendingWrites()));
        });
        app.before("/twilio/*", ctx -> ctx.attribute("frontline.started", System.nanoTime()));
        app.after("/twilio/*", ctx -> {
            Long started = ctx.attribute("frontline.started");
            if (started != null) recordWebhook(Duration.ofNanos(System.nanoTime() - started));
        });
    }
}
