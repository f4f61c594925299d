package dev.frontline.server.api;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.CallReports;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.core.store.AuditLog;
import dev.frontline.server.report.ReportCsv;
import dev.frontline.server.report.ReportPdf;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Historical reports for supervisors and BI tools ({@code GET /api/reports/calls}, JSON, CSV or PDF), today's
 * abandoned callers and the one action on them: schedule a callback. Supervisors only; every callback scheduled here
 * is audited.
 */
final class ReportRoutes {
    private final Auth auth;
    private final CallReports reports;
    private final Acd acd;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    ReportRoutes(Auth auth, CallReports reports, Acd acd, AuditLog audit, ZoneId zone, Clock clock) {
        this.auth = auth;
        this.reports = reports;
        this.acd = acd;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/reports/calls", this::calls);
        app.get("/api/reports/abandoned", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(today().abandonedCallers());
        });
        app.post("/api/reports/abandoned/{callId}/callback", this::callBack);
    }

    private void calls(Context ctx) {
        auth.requireSupervisor(ctx);
        ReportQuery q = query(ctx);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json").toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> ctx.json(reports.report(q));
            case "csv" -> {
                String table = Optional.ofNullable(ctx.queryParam("table")).orElse("rows").toLowerCase(Locale.ROOT);
                java.util.function.Function<CallReport, String> csv = switch (table) {
                    case "rows" -> ReportCsv::rows;
                    case "tickets" -> ReportCsv::tickets;
                    case "first-contact" -> ReportCsv::firstContact;
                    default -> throw ApiException.invalid("table", "unknown table '" + table
                            + "': rows, tickets or first-contact");
                };
                ctx.contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + (table.equals("rows") ? "calls" : table)
                                + "-" + q.from() + "-" + q.to() + ".csv\"")
                        .result(csv.apply(reports.report(q)));
            }
            case "pdf" -> ctx.contentType("application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"calls-" + q.from() + "-" + q.to() + ".pdf\"")
                    .result(ReportPdf.render(reports.report(q)));
            default -> throw ApiException.invalid("format", "unknown format '" + format + "': json, csv or pdf");
        }
    }

    /** {@code period=day|week|month&day=2026-11-20} or {@code from=..&to=..}; {@code interval}, {@code by}. */
    ReportQuery query(Context ctx) {
        ReportQuery.Interval interval;
        ReportQuery.Breakdown by;
        try {
            interval = ReportQuery.Interval.of(Optional.ofNullable(ctx.queryParam("interval")).orElse("day"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("interval", e.getMessage());
        }
        try {
            by = ReportQuery.Breakdown.of(Optional.ofNullable(ctx.queryParam("by")).orElse("none"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("by", e.getMessage());
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
                LocalDate from = date(ctx, "from", null);
                return new ReportQuery(from, date(ctx, "to", from), zone, interval, by);
            }
            return ReportQuery.period(Optional.ofNullable(ctx.queryParam("period")).orElse("day"),
                    date(ctx, "day", today), zone, interval, by);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("period", e.getMessage());
        }
    }

    private static LocalDate date(Context ctx, String name, LocalDate orElse) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            if (orElse == null) throw ApiException.invalid(name, name + " is required (YYYY-MM-DD)");
            return orElse;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, name + " must be a date like 2026-11-20, not '" + v + "'");
        }
    }

    private CallReport today() {
        LocalDate day = LocalDate.now(clock.withZone(zone));
        return reports.report(new ReportQuery(day, day, zone, ReportQuery.Interval.TOTAL, ReportQuery.Breakdown.NONE));
    }

    private void callBack(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        String callId = ctx.pathParam("callId");
        CallReport.AbandonedCaller caller = today().abandonedCallers().stream()
                .filter(a -> a.callId().equals(callId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no abandoned caller of today without a callback: " + callId));
        if (caller.number() == null || !caller.number().matches("\\+?[0-9]{5,16}")) {
            throw ApiException.invalid("callId", "the caller's number is withheld or not callable: " + caller.number());
        }
        Intent intent = parse(() -> Intent.valueOf(caller.intent().toUpperCase(Locale.ROOT)), Intent.GENERAL);
        Language language = parse(() -> Language.of(caller.language()), Language.EN);
        audit.record(s.login(), "callback-abandoned", callId, caller.number());
        // keeps the caller's place: the callback is served by the time they first queued
        acd.requestCallback(new CallbackRequest(Optional.of(new CallId(callId)), Optional.empty(), caller.number(),
                intent, intent.defaultPriority(), Tier.LINE1, language, caller.queuedAt(), Optional.empty(),
                Optional.empty(), "supervisor " + s.login() + ": abandoned call"));
        ctx.status(202).json(Map.of("callId", callId, "number", caller.number(), "status", "requested"));
    }

    private static <T> T parse(java.util.function.Supplier<T> p, T orElse) {
        try {
            return p.get();
        } catch (RuntimeException e) {
            return orElse;
        }
    }
}
