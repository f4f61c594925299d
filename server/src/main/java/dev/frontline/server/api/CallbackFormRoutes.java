package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Language;
import io.javalin.Javalin;
import io.javalin.http.Context;

import dev.frontline.core.store.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code GET /callback} (the HTML form) and {@code POST /api/callback-requests}: limited per address, per phone, for
 * everyone and by the web callbacks pending ({@link FormPostLimits}, kept in the store); both answer with security
 * headers (no framing, no scripts, no sniffing, no referrer).
 */
public final class CallbackFormRoutes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackFormRoutes.class);
    private final CallbackForm form;
    /** Supervisors hear of a flood at most this often. */
    static final Duration ALERT_EVERY = Duration.ofMinutes(15);
    /** The form's pages: its own styles only, no scripts, posts to itself, never inside a frame. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private final FormPostLimits limits;
    /**
     * In memory, before the store: posts of everyone beyond ten times {@code api.form-posts-per-minute} (at least
     * {@value #SHIELD_MIN}) a minute are refused without a write, so a flood of posts cannot keep the store's write
     * lock from the ACD. The limits themselves are the store's ({@link FormPostLimits}).
     */
    private final RateLimiter shield;
    static final int SHIELD_MIN = 100;
    private final Clock clock;
    private final Consumer<String> alerts;
    private final AtomicReference<Instant> lastAlert = new AtomicReference<>(Instant.MIN);

    /** @param alerts where supervisors are told of a flood of web requests (at most every {@link #ALERT_EVERY}) */
    public CallbackFormRoutes(CallbackForm form, Clock clock, ApiConfig config, Database db, Consumer<String> alerts) {
        this.form = form;
        this.clock = clock;
        this.alerts = alerts;
        this.limits = new FormPostLimits(db, clock, config.form());
        this.shield = new RateLimiter(clock, Math.max(SHIELD_MIN, config.form().postsPerMinute() * 10),
                Duration.ofMinutes(1));
    }

    public void register(Javalin app) {
        app.before("/callback", CallbackFormRoutes::securityHeaders);
        app.before("/api/callback-requests", CallbackFormRoutes::securityHeaders);
        app.get("/callback", ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(CallbackFormPage.form(CallbackFormPage.pick(ctx.queryParam("lang"), ctx.header("Accept-Language")))));
        app.post("/api/callback-requests", this::post);
    }

    private void post(Context ctx) {
        String address = ctx.ip();
        if (!shield.tryAcquire("everyone")) {
            throw refusal(ctx, new FormPostLimits.Refusal(503, "the desk receives too many web requests right now",
                    shield.retryAfterSeconds("everyone"), true));
        }
        Optional<FormPostLimits.Refusal> refused = limits.post(address);
        if (refused.isPresent()) {
            throw refusal(ctx, refused.get());
        }
        boolean isForm = ctx.contentType() != null && ctx.contentType().startsWith("application/x-www-form-urlencoded");
        Views.CallbackFormRequest req = isForm
                ? new Views.CallbackFormRequest(ctx.formParam("name"), ctx.formParam("phone"), ctx.formParam("contract"),
                ctx.formParam("category"), ctx.formParam("text"), ctx.formParam("when"))
                : JsonBody.read(ctx, Views.CallbackFormRequest.class);
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
        refused = limits.request(address, valid.phone());
        if (refused.isPresent()) {
            throw refusal(ctx, refused.get());
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

    /** The headers of the form's pages and answers (issue 20 item 7). */
    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private ApiException refusal(Context ctx, FormPostLimits.Refusal r) {
        if (r.status() == 429) {
            return tooMany(ctx, r.retryAfter(), r.message());
        }
        Instant now = clock.instant();
        Instant last = lastAlert.get();
        if (r.flood() && !now.isBefore(last.plus(ALERT_EVERY)) && lastAlert.compareAndSet(last, now)) {
            log.warn("web callback form refused: {}", r.message());
            try {
                alerts.accept("Web callback requests are refused: " + r.message() + " (api.form-posts-per-minute,"
                        + " api.form-pending-callbacks). Check for a flood of fake requests.");
            } catch (RuntimeException e) {
                log.warn("could not alert supervisors of the web form flood", e);
            }
        }
        ctx.header("Retry-After", Long.toString(r.retryAfter()));
        return new ApiException(503, "unavailable", "we cannot take more callback requests now (" + r.message()
                + "): please try again later or call us", null);
    }

    private static ApiException tooMany(Context ctx, long retryAfter, String scope) {
        ctx.header("Retry-After", Long.toString(retryAfter));
        return new ApiException(429, "rate-limited", "too many callback requests " + scope + ": try again in "
                + Duration.ofSeconds(retryAfter).toMinutes() + " min", null);
    }
}
