package dev.frontline.server.api;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.store.CustomerAdmin;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Supervisors' actions on one customer: {@code POST /api/admin/customers/{id}/pin-reset} (a new random PIN texted to
 * the mobile on file; the answer never holds it) and {@code POST /api/admin/customers/{id}/deactivate}. Refusals
 * (no mobile on file, not active, SMS refused, already closed) are 409 with the reason and change nothing; every
 * change is audited.
 */
public final class CustomerAdminRoutes {
    private final Auth auth;
    private final CustomerAdmin admin;

    /** What the supervisor is told. */
    public record Done(long customer, String message) {}

    public CustomerAdminRoutes(Auth auth, CustomerAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    public void register(Javalin app) {
        app.post("/api/admin/customers/{id}/pin-reset", ctx -> act(ctx, true));
        app.post("/api/admin/customers/{id}/deactivate", ctx -> act(ctx, false));
    }

    private void act(Context ctx, boolean pinReset) {
        DeskSession s = auth.requireSupervisor(ctx);
        long id = QueryRoutes.longParam(ctx, "id");
        CustomerAdmin.Outcome o = pinReset ? admin.resetPin(new CustomerId(id), s.login())
                : admin.deactivate(new CustomerId(id), s.login());
        if (o.refusal().filter(r -> r == CustomerAdmin.Refusal.NOT_FOUND).isPresent()) {
            throw ApiException.notFound(o.message());
        }
        if (!o.ok()) {
            ctx.status(409).json(new dev.frontline.core.api.Views.HttpError("refused", o.message(), null, null));
            return;
        }
        ctx.json(new Done(id, o.message()));
    }
}
