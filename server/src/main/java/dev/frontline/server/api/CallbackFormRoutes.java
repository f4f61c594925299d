package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** {@code GET /callback} (the HTML form) and {@code POST /api/callback-requests}, rate-limited per address and phone. */
public final class CallbackFormRoutes {
    private final CallbackForm form;
    private final RateLimiter perAddress;
    private final RateLimiter perPhone;

    public CallbackFormRoutes(CallbackForm form, Clock clock, ApiConfig config) {
        this.form = form;
        this.perAddress = new RateLimiter(clock, config.formPostsPerHour(), Duration.ofHours(1));
        this.perPhone = new RateLimiter(clock, config.formPostsPerPhone(), Duration.ofDays(1));
    }

    public void register(Javalin app) {
        app.get("/callback", ctx -> ctx.contentType("text/html; charset=utf-8").result(page()));
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
                ctx.formParam("category"), ctx.formParam("text"))
                : ctx.bodyAsClass(Views.CallbackFormRequest.class);
        CallbackForm.Valid valid;
        try {
            valid = form.validate(req);
        } catch (ApiException e) {
            if (!isForm) {
                throw e;
            }
            // a browser without JavaScript: an HTML page naming every wrong field, with the way back
            ctx.status(e.status).contentType("text/html; charset=utf-8").result(problem(e));
            return;
        }
        if (!perPhone.tryAcquire(valid.phone())) {
            throw tooMany(ctx, perPhone.retryAfterSeconds(valid.phone()), "for this phone number");
        }
        Views.CallbackFormResponse done = form.submit(valid);
        ctx.status(201);
        if (isForm) {
            ctx.contentType("text/html; charset=utf-8").result(thanks(done));
        } else {
            ctx.json(done);
        }
    }

    private static ApiException tooMany(Context ctx, long retryAfter, String scope) {
        ctx.header("Retry-After", Long.toString(retryAfter));
        return new ApiException(429, "rate-limited", "too many callback requests " + scope + ": try again in "
                + Duration.ofSeconds(retryAfter).toMinutes() + " min", null);
    }

    private static String thanks(Views.CallbackFormResponse done) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Request received</title></head>"
                + "<body><main><h1>Request received</h1><p>" + escape(done.message()) + "</p><p>Your ticket number is "
                + "<strong>" + escape(done.ticketId()) + "</strong>.</p></main></body></html>";
    }

    private static String problem(ApiException e) {
        String items = e.errors.isEmpty() ? "<li>" + escape(e.getMessage()) + "</li>"
                : e.errors.stream().map(p -> "<li>" + escape(label(p.field())) + ": " + escape(p.message()) + "</li>")
                .collect(java.util.stream.Collectors.joining());
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Please check the form</title>"
                + "</head><body><main><h1>Please check the form</h1><ul role=\"alert\">" + items
                + "</ul><p><a href=\"/callback\">Back to the form</a></p></main></body></html>";
    }

    /** The form's label for a field, so the page speaks the visitor's words. */
    private static String label(String field) {
        return switch (field) {
            case "name" -> "Your name";
            case "phone" -> "Phone number";
            case "contract" -> "Contract number";
            case "category" -> "What is it about";
            case "text" -> "Describe the problem";
            default -> field;
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] page() {
        try (var in = CallbackFormRoutes.class.getResourceAsStream("callback.html")) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            return "<!doctype html><title>Callback</title><p>The form is unavailable.</p>"
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
