package dev.frontline.server.api;

import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.ServerMessage;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** {@code /api/ws}: the desktop's live channel. Welcome first, then events; commands answered one by one. */
final class DeskSocket {
    /** Close status when the session ended (token expired or logged out): log in again. */
    static final int CLOSE_SESSION_ENDED = 4001;

    private final Auth auth;
    private final Sessions sessions;
    private final DesktopHub hub;
    private final LiveDesks desks;
    private final DeskCommands commands;
    private final Executor writers;
    private final AbsentDesks absent;
    private final Clock clock;
    private final Spies spies;
    private final ConcurrentHashMap<String, DeskConnection> open = new ConcurrentHashMap<>();

    DeskSocket(Auth auth, Sessions sessions, DesktopHub hub, LiveDesks desks, DeskCommands commands,
               Executor writers, AbsentDesks absent, Clock clock, Spies spies) {
        this.spies = spies;
        this.absent = absent;
        this.auth = auth;
        this.sessions = sessions;
        this.hub = hub;
        this.desks = desks;
        this.commands = commands;
        this.writers = writers;
        this.clock = clock;
    }

    /** The longest command handled, in characters; a longer one gets {@code error} with code {@code too-big}. */
    static final int MAX_COMMAND = 64 * 1024;
    /** The longest text message read at all (Jetty closes the socket with 1009 beyond it). */
    static final int READ_LIMIT = 1024 * 1024;

    void register(Javalin app) {
        app.wsBeforeUpgrade("/api/ws", auth::require);
        app.ws("/api/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> {
                DeskConnection c = open.get(ctx.sessionId());
                if (c == null) {
                    return;
                }
                if (!sessions.isLive(c.session())) {
                    c.close(CLOSE_SESSION_ENDED, "token expired");
                    return;
                }
                String text = ctx.message();
                hub.send(c, text.length() > MAX_COMMAND
                        ? new ServerMessage.ErrorReply(null, "too-big", "a command is at most " + MAX_COMMAND
                                + " characters; this one had " + text.length())
                        : commands.handle(c.session(), text));
            });
            ws.onClose(ctx -> gone(ctx.sessionId()));
            ws.onError(ctx -> gone(ctx.sessionId()));
        });
    }

    private void connected(WsContext ctx) {
        DeskSession s = auth.find(ctx.header("Authorization"), ctx.queryParam("token")).orElse(null);
        if (s == null) {
            ctx.closeSession(CLOSE_SESSION_ENDED, "token expired");
            return;
        }
        ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
        DeskConnection c = new DeskConnection(s, ctx, writers);
        open.put(ctx.sessionId(), c);
        hub.add(c); // events from now on are held by the connection ...
        hub.open(c, welcome(s)); // ... and written after the Welcome, which is made after joining: none is lost
        absent.back(s.login());
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
    }

    private ServerMessage.Welcome welcome(DeskSession s) {
        LiveDesks.Desk d = desks.get(s.login());
        return new ServerMessage.Welcome(ApiJson.VERSION, s.login(), s.operator().name(), s.role(), d.state(),
                d.reason(), d.since(), d.current(), clock.instant(), d.phase(), d.wrapUpUntil(),
                desks.consultation(s.login()).orElse(null),
                spies.ofSupervisor(s.login()).or(() -> spies.shownTo(s.login())).orElse(null));
    }

    private void gone(String sessionId) {
        DeskConnection c = open.remove(sessionId);
        if (c != null) {
            hub.remove(c);
            absent.left(c.session().login());
        }
    }
}
