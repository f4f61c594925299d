package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Language;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@code GET /callback} (the HTML form) and {@code POST /api/callback-requests}, rate-limited per address and phone. */
public final class CallbackFormRoutes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackFormRoutes.class);
    private final CallbackForm form;
    private final RateLimiter perAddress;
    private final RateLimiter perPhone;

    public CallbackFormRoutes(CallbackForm form, Clock clock, ApiConfig config) {
        this.form = form;
        this.perAddress = new RateLimiter(clock, config.formPostsPerHour(), Duration.ofHours(1));
        this.perPhone = new RateLimiter(clock, config.formPostsPerPhone(), Duration.ofDays(1));
    }

    public void register(Javalin app) {
        app.get("/callback", ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(CallbackFormPage.form(CallbackFormPage.pick(ctx.queryParam("lang"), ctx.header("Accept-Language")))));
        app.post("/api/callback-requests", this::post);
    }

    private void post(Context ctx) {
        String address = ctx.ip();
        if (!perAddress.tryAcquire(address)) {
            throw tooMany(ctx, perAddress.retryAfterSeconds(address), "from this address");
        }
        boolean isForm = ctx.contentType() != null && ctx.contentType().startsWith("application/x-www-form-urlencoded");
        Views.CallbackFormRequest req = isForm
                ? new Views.CallbackFormRequest(ctx.formParam("name"), ctx.formParam("phone"), ctx.formParam("contract"),
                ctx.formParam("category"), ctx.formParam("text"), ctx.formParam("when"))
                : ctx.bodyAsClass(Views.CallbackFormRequest.class);
        Language language = CallbackFormPage.pick(isForm ? ctx.formParam("lang") : null, ctx.header("Accept-Language"));
        if (isForm) { // a browser without JavaScript: a page naming every wrong field in its language, with the way back
            List<CallbackForm.Problem> problems = form.check(req);
            if (!problems.isEmpty()) {
                // the form again, with what was typed and every wrong field named above it
                ctx.status(400).contentType("text/html; charset=utf-8").result(CallbackFormPage.problems(language, problems, req));
                return;
            }
        }
        CallbackForm.Valid valid = form.validate(req);
        if (!perPhone.tryAcquire(valid.phone())) {
            throw tooMany(ctx, perPhone.retryAfterSeconds(valid.phone()), "for this phone number");
        }
        CallbackForm.Submitted done;
        try {
            done = form.submit(valid, language);
        } catch (dev.frontline.core.acd.NotConfirmed | dev.frontline.core.store.StoreException e) {
            // 201 only once the callback is in the log: the store cannot write, so nobody is told "we will call"
            log.warn("web callback request not recorded (503): {}", e.toString());
            ctx.header("Retry-After", "60");
            throw new ApiException(503, "unavailable", "the callback could not be recorded now: please try again"
                    + " later", null);
        }
        ctx.status(201);
        if (isForm) {
            ctx.contentType("text/html; charset=utf-8").result(CallbackFormPage.thanks(language, done));
        } else {
            ctx.json(done.response());
        }
    }

    private static ApiException tooMany(Context ctx, long retryAfter, String scope) {
        ctx.header("Retry-After", Long.toString(retryAfter));
        return new ApiException(429, "rate-limited", "too many callback requests " + scope + ": try again in "
                + Duration.ofSeconds(retryAfter).toMinutes() + " min", null);
    }
}
