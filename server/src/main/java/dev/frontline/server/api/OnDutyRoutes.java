package dev.frontline.server.api;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.OnDutyRota;
import dev.frontline.core.desk.RotaRows;
import dev.frontline.core.store.JdbcOnDutyRota;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The on-duty rota for supervisors (ADR 0143): {@code GET /api/admin/on-duty} shows the stored rota and who is on duty
 * now; {@code PUT} replaces it as a whole (audited {@code on-duty-edit}). A rota with a wrong field is refused naming
 * every one ({@code shifts[1].mobile}), and the rota in force stays as it was. An edit that names the {@code version}
 * it was read at is 409 {@code changed} when someone saved since ("changed by vida at ..., reload"; ADR 0148); an edit
 * without {@code version} is 400 naming it (ADR 0153: it used to win over whatever was saved meanwhile).
 */
public final class OnDutyRoutes {
    static final String VERSION_REQUIRED = "required: the version the rota was read at (GET /api/admin/on-duty"
            + " answers it), so that a save made meanwhile is not overwritten";
    private final Auth auth;
    private final JdbcOnDutyRota rota;
    private final PhoneNumbers phones;
    private final Clock clock;

    public OnDutyRoutes(Auth auth, JdbcOnDutyRota rota, PhoneNumbers phones, Clock clock) {
        this.auth = auth;
        this.rota = rota;
        this.phones = phones;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.get("/api/admin/on-duty", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(view(rota.stored(), clock.instant()));
        });
        app.put("/api/admin/on-duty", this::replace);
    }

    private void replace(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        AdminViews.RotaEdit edit = JsonBody.read(ctx, AdminViews.RotaEdit.class);
        List<RotaRows.Draft> drafts = new ArrayList<>();
        if (edit != null && edit.shifts() != null) {
            for (AdminViews.RotaRow r : edit.shifts()) {
                drafts.add(r == null ? null : new RotaRows.Draft(r.name(), r.mobile(), r.days(), r.from(), r.to()));
            }
        }
        List<Views.FieldError> problems = new ArrayList<>();
        if (edit == null || edit.version() == null) { // a save that names no version would win over any save meanwhile
            problems.add(new Views.FieldError("version", VERSION_REQUIRED));
        }
        List<RotaRows.Row> rows = List.of();
        try {
            rows = RotaRows.parse(drafts, phones);
        } catch (RotaRows.Invalid e) {
            e.problems().forEach(p -> problems.add(new Views.FieldError(p.field(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        JdbcOnDutyRota.Stored saved;
        try {
            saved = rota.replace(rows, s.login(), edit.version());
        } catch (dev.frontline.core.store.ChangedMeanwhile e) {
            ctx.status(409).json(new AdminViews.Changed("changed", e.getMessage(), e.version(), e.changedBy(), e.changedAt()));
            return;
        }
        ctx.json(view(saved, clock.instant()));
    }

    static AdminViews.OnDuty view(JdbcOnDutyRota.Stored stored, Instant at) {
        AdminViews.OnDuty v = view(stored.rota(), at);
        return new AdminViews.OnDuty(v.zone(), v.at(), v.onDutyNow(), v.shifts(), v.rows(), stored.version(),
                stored.changedBy(), stored.changedAt());
    }

    /** The rota as the API shows it: shifts in the rota's order, the names on duty at {@code at}. */
    static AdminViews.OnDuty view(OnDutyRota rota, Instant at) {
        List<String> mobilesNow = rota.mobilesAt(at);
        Set<String> names = new LinkedHashSet<>();
        List<AdminViews.Shift> shifts = new ArrayList<>();
        for (OnDutyRota.Shift s : rota.shifts()) {
            if (mobilesNow.contains(s.mobile())) names.add(s.name());
            shifts.add(new AdminViews.Shift(s.name(), s.mobile(), s.day().name(), s.from().toString(),
                    s.to().equals(LocalTime.MAX) ? "24:00" : s.to().toString()));
        }
        List<AdminViews.RotaRow> rows = RotaRows.rows(rota).stream().map(r -> new AdminViews.RotaRow(r.name(), r.mobile(),
                RotaRows.days(r.days()), RotaRows.time(r.from()), RotaRows.time(r.to()))).toList();
        return new AdminViews.OnDuty(rota.zone().getId(), at, List.copyOf(names), shifts, rows);
    }
}
