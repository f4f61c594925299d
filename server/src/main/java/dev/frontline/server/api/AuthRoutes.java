package dev.frontline.server.api;

import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.Views;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/login} and {@code /api/logout}. All login attempts of one client address are limited before the
 * body is read; failures of one login from one address lock that pair with back-off ({@link LoginGuard}), never the
 * login from elsewhere.
 */
final class AuthRoutes {
    private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);

    private final OperatorRepository operators;
    private final Sessions sessions;
    private final Auth auth;
    private final DesktopHub hub;
    private final AbsentDesks absent;
    private final LoginGuard perLogin;
    private final RateLimiter perAddress;

    AuthRoutes(OperatorRepository operators, Sessions sessions, Auth auth, DesktopHub hub, AbsentDesks absent,
               LoginGuard perLogin, RateLimiter perAddress, dev.frontline.core.store.AuditLog audit,
               Views.DeskSettings deskSettings) {
        this.deskSettings = deskSettings;
        this.audit = audit;
        this.absent = absent;
        this.operators = operators;
        this.sessions = sessions;
        this.auth = auth;
        this.hub = hub;
        this.perLogin = perLogin;
        this.perAddress = perAddress;
    }

    private final dev.frontline.core.store.AuditLog audit;
    /** Sent with every login: the dispositions and callback times the desk offers. */
    private final Views.DeskSettings deskSettings;

    void register(Javalin app) {
        app.before("/api/login", ctx -> { // before the body is read: a slow body costs nothing once over the limit
            if ("POST".equals(ctx.method().name()) && !perAddress.tryAcquire(ctx.ip())) {
                throw tooMany(ctx, perAddress.retryAfterSeconds(ctx.ip()));
            }
        });
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
    }

    private void login(Context ctx) {
        Views.LoginRequest req = JsonBody.read(ctx, Views.LoginRequest.class);
        if (req == null || req.login() == null || req.login().isBlank()) {
            throw ApiException.invalid("login", "is required");
        }
        if (req.password() == null || req.password().isEmpty()) {
            throw ApiException.invalid("password", "is required");
        }
        String login = req.login().trim().toLowerCase(Locale.ROOT);
        String address = ctx.ip();
        long locked = perLogin.lockedFor(login, address);
        if (locked > 0) {
            throw tooMany(ctx, locked);
        }
        char[] password = req.password().toCharArray();
        Optional<Operator> who;
        try {
            who = operators.authenticate(req.login().trim(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (who.isEmpty() || !who.get().active()) {
            log.info("failed login for '{}' from {}", login, address);
            perLogin.failed(login, address);
            audit.record(login, "login-failed", login, "from " + address);
            throw ApiException.unauthorized("wrong login or password");
        }
        perLogin.succeeded(login, address);
        DeskSession s = sessions.open(who.get());
        audit.record(s.login(), "login", s.login(), s.role() + " from " + address);
        ctx.json(new Views.LoginResponse(s.token(), s.login(), s.operator().name(), s.role(), s.expiresAt(),
                ApiJson.VERSION, deskSettings));
    }

    private void logout(Context ctx) {
        DeskSession s = auth.require(ctx);
        sessions.close(s.token());
        hub.closeSession(s.token(), DeskSocket.CLOSE_SESSION_ENDED, "logged out");
        absent.loggedOut(s.login());
        ctx.status(204);
    }

    private static ApiException tooMany(Context ctx, long retryAfter) {
        ctx.header("Retry-After", Long.toString(retryAfter));
        return new ApiException(429, "rate-limited", "too many login attempts: try again in " + retryAfter + " s",
                null);
    }
}
