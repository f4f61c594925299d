package dev.frontline.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.frontline.core.customer.Outage;
import dev.frontline.core.customer.OutageRepository;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Outages administered by supervisors: {@code GET /api/admin/outages} (ongoing), {@code GET /api/admin/outage-areas}
 * (the areas an outage may name: the customers' service areas, sorted), {@code POST} one (area, services,
 * text, expected end), {@code POST .../{id}/extend} and {@code .../{id}/resolve}. Callers from the area hear it from
 * the next call on (the IVR's outage cache is at most a second old). Every change is audited; a bad request changes
 * nothing.
 */
final class OutageRoutes {
    private final Auth auth;
    private final OutageRepository outages;
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    /** A new outage as posted. {@code services} (e.g. "internet, tv") is said in the text callers hear. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewOutage(String area, String services, String text, Instant expectedEnd) {}

    record Extension(Instant expectedEnd) {}

    /** An outage as the API shows it ({@code expectedEnd} null when not known). */
    public record OutageRow(long id, String area, String text, Instant startedAt, Instant expectedEnd) {
        static OutageRow of(Outage o) {
            return new OutageRow(o.id(), o.area(), o.description(), o.startedAt(), o.expectedEnd().orElse(null));
        }
    }

    OutageRoutes(Auth auth, OutageRepository outages, Database db, AuditLog audit, Clock clock) {
        this.auth = auth;
        this.outages = outages;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/admin/outages", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(outages.active(clock.instant()).stream().map(OutageRow::of).toList());
        });
        app.get("/api/admin/outage-areas", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(java.util.List.copyOf(areas()));
        });
        app.post("/api/admin/outages", this::report);
        app.post("/api/admin/outages/{id}/extend", this::extend);
        app.post("/api/admin/outages/{id}/resolve", this::resolve);
    }

    private void report(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        NewOutage o = JsonBody.read(ctx, NewOutage.class);
        if (o == null || o.area() == null || o.area().isBlank()) throw ApiException.invalid("area", "is required");
        Set<String> areas = areas();
        if (!areas.contains(o.area().trim())) {
            throw ApiException.invalid("area", "unknown area '" + o.area() + "': one of " + areas);
        }
        if (o.text() == null || o.text().isBlank()) throw ApiException.invalid("text", "is required: what callers hear");
        Instant now = clock.instant();
        if (o.expectedEnd() != null && !o.expectedEnd().isAfter(now)) {
            throw ApiException.invalid("expectedEnd", "must be in the future, not " + o.expectedEnd());
        }
        String text = o.services() == null || o.services().isBlank() ? o.text().trim()
                : o.services().trim() + ": " + o.text().trim();
        audit.record(s.login(), "outage-report", o.area().trim(), text);
        Outage created = outages.report(o.area().trim(), text, now, Optional.ofNullable(o.expectedEnd()));
        ctx.status(201).json(OutageRow.of(created));
    }

    private void extend(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        long id = QueryRoutes.longParam(ctx, "id");
        Extension e = JsonBody.read(ctx, Extension.class);
        if (e == null || e.expectedEnd() == null) throw ApiException.invalid("expectedEnd", "is required");
        if (!e.expectedEnd().isAfter(clock.instant())) {
            throw ApiException.invalid("expectedEnd", "must be in the future, not " + e.expectedEnd());
        }
        audit.record(s.login(), "outage-extend", Long.toString(id), e.expectedEnd().toString());
        try {
            outages.extend(id, e.expectedEnd());
        } catch (StoreException ex) {
            throw ApiException.notFound(ex.getMessage());
        }
        ctx.status(204);
    }

    private void resolve(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        long id = QueryRoutes.longParam(ctx, "id");
        audit.record(s.login(), "outage-resolve", Long.toString(id), null);
        try {
            outages.resolve(id, clock.instant());
        } catch (StoreException ex) {
            throw ApiException.notFound(ex.getMessage());
        }
        ctx.status(204);
    }

    /** The service areas customers are in. */
    private Set<String> areas() {
        return db.read(c -> {
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT DISTINCT service_area FROM customers WHERE service_area IS NOT NULL")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }
}
