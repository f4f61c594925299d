package dev.frontline.server.api;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.desk.OnDutyRota;
import io.javalin.Javalin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/admin/on-duty}: the on-duty rota of the configuration and who is on duty now, for supervisors. The
 * rota is edited in {@code frontline.yaml} ({@code desk.on-duty}), validated at start-up: the API only shows it.
 */
public final class OnDutyRoutes {
    private final Auth auth;
    private final OnDutyRota rota;
    private final Clock clock;

    public OnDutyRoutes(Auth auth, OnDutyRota rota, Clock clock) {
        this.auth = auth;
        this.rota = rota;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.get("/api/admin/on-duty", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(view(rota, clock.instant()));
        });
    }

    /** The rota as the API shows it: shifts in configuration order, the names on duty at {@code at}. */
    static AdminViews.OnDuty view(OnDutyRota rota, Instant at) {
        List<String> mobilesNow = rota.mobilesAt(at);
        Set<String> names = new LinkedHashSet<>();
        List<AdminViews.Shift> shifts = new ArrayList<>();
        for (OnDutyRota.Shift s : rota.shifts()) {
            if (mobilesNow.contains(s.mobile())) names.add(s.name());
            shifts.add(new AdminViews.Shift(s.name(), s.mobile(), s.day().name(), s.from().toString(),
                    s.to().equals(LocalTime.MAX) ? "24:00" : s.to().toString()));
        }
        return new AdminViews.OnDuty(rota.zone().getId(), at, List.copyOf(names), shifts);
    }
}
