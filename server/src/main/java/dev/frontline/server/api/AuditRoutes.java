package dev.frontline.server.api;

import dev.frontline.core.store.AuditLog;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /api/audit?actor=&action=&subject=&from=&to=&limit=}: who did what, newest first. Supervisors only. */
final class AuditRoutes {
    static final int MAX_LIMIT = 1000;
    private final Auth auth;
    private final AuditLog audit;

    AuditRoutes(Auth auth, AuditLog audit) {
        this.auth = auth;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/api/audit", this::search);
    }

    private void search(Context ctx) {
        auth.requireSupervisor(ctx);
        int limit = 200;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("limit", "must be a number, not '" + l + "'");
            }
            if (limit < 1 || limit > MAX_LIMIT) throw ApiException.invalid("limit", "must be 1.." + MAX_LIMIT);
        }
        ctx.json(audit.search(new AuditLog.Search(blankToNull(ctx.queryParam("actor")),
                blankToNull(ctx.queryParam("action")), blankToNull(ctx.queryParam("subject")), instant(ctx, "from"),
                instant(ctx, "to")), limit));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Instant instant(Context ctx, String name) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an instant like 2026-11-23T00:00:00Z, not '" + v + "'");
        }
    }
}
