package dev.frontline.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.Views;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.OutageRepository;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.ticket.KnowledgeBase;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import dev.frontline.core.desk.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The desktop API server (docs/api.md): login, the desktop WebSocket, queries, plus whatever extra routes the
 * composition root adds (test phone, web callback form, Twilio webhooks). Build it, hand {@link #events()} to the
 * ACD (as listener and as connector wrapper), then {@link #start}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** What the API needs from the rest of the server. */
    public record Ports(Acd acd, OperatorRepository operators, CustomerRepository customers, OutageRepository outages,
                        Database database, TicketDesk tickets, KnowledgeBase knowledgeBase, PhoneControl phone,
                        QueueStatsSource queueStats, Targets targets, PhoneNumbers phones) {}

    /** Customer searches an operator may make per minute and per day (supervisors: unlimited). */
    static final int SEARCHES_PER_MINUTE = 20;
    static final int SEARCHES_PER_DAY = 300;

    private final ApiConfig config;
    private final Clock clock;
    private final Sessions sessions;
    private final AccountWatch accounts;
    private final AbsentDesks absent;
    private final Auth auth;
    private final DesktopHub hub = new DesktopHub();
    private final LiveDesks desks = new LiveDesks();
    private final Visibility visibility = new Visibility();
    private final DeskQueries queries;
    private final ScreenPops screenPops;
    private final DeskEvents events;
    private final Spies spies;
    private final SupervisorFeed feed;
    private final DeskCommands commands;
    private final Ports ports;
    private final ExecutorService writers;
    private final ScheduledExecutorService sweeper;
    private final TicketWatch ticketWatch;
    private Javalin app;
    private final java.time.ZoneId zone;
    private final dev.frontline.core.report.ReportSettings reportSettings;
    private final DeskMetrics metrics;
    private final dev.frontline.core.desk.DeskChoices choices;

    public ApiServer(ApiConfig config, Clock clock, Ports ports, Duration wrapUp) {
        this(config, clock, ports, wrapUp, clock.getZone());
    }

    /** @param zone the desk's time zone: reports cut days and intervals in it */
    public ApiServer(ApiConfig config, Clock clock, Ports ports, Duration wrapUp, java.time.ZoneId zone) {
        this(config, clock, ports, wrapUp, zone, dev.frontline.core.report.ReportSettings.DEFAULTS);
    }

    /** @param reports how reports judge first-contact resolution ({@code reports:}) */
    public ApiServer(ApiConfig config, Clock clock, Ports ports, Duration wrapUp, java.time.ZoneId zone,
                     dev.frontline.core.report.ReportSettings reports) {
        this(config, clock, ports, wrapUp, zone, reports, dev.frontline.core.desk.DeskChoices.DEFAULTS);
    }

    /** @param choices the dispositions and callback times operators pick from ({@code desk.dispositions} ...) */
    public ApiServer(ApiConfig config, Clock clock, Ports ports, Duration wrapUp, java.time.ZoneId zone,
                     dev.frontline.core.report.ReportSettings reports, dev.frontline.core.desk.DeskChoices choices) {
        this.choices = choices;
        this.reportSettings = reports;
        this.zone = zone;
        this.config = config;
        this.metrics = new DeskMetrics(ports.database(), ports.queueStats(), desks);
        this.clock = clock;
        this.ports = ports;
        this.sessions = new Sessions(ports.database(), ports.operators(), clock, config.sessionTtl());
        this.auth = new Auth(sessions);
        this.accounts = new AccountWatch(ports.operators(), ports.acd(), clock);
        this.absent = new AbsentDesks(hub, desks, ports.acd(), clock);
        this.queries = new DeskQueries(ports.database(), clock);
        this.screenPops = new ScreenPops(ports.customers(), ports.outages(), queries, clock);
        dev.frontline.core.store.AuditLog audit = new dev.frontline.core.store.AuditLog(ports.database(), clock);
        this.spies = new Spies(hub, audit, clock);
        this.events = new DeskEvents(hub, desks, visibility, screenPops, queries, clock, wrapUp, spies);
        this.feed = new SupervisorFeed(hub, events, desks, ports.queueStats(), ports.operators(), clock,
                Duration.ofMillis(500), Duration.ofSeconds(5));
        this.commands = new DeskCommands(ports.acd(), ports.tickets(), ports.knowledgeBase(), ports.phone(),
                ports.customers(), queries, desks, visibility, clock, audit, choices, ports.operators(), spies);
        this.ticketWatch = new TicketWatch(queries, ports.targets()::forTier, clock, events::alert);
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "desk-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    public Auth auth() {
        return auth;
    }

    /** The ACD listener and connector wrapper (screen-pop before ring). */
    /** The Prometheus metrics: subscribe it to the ACD to count calls by outcome. */
    public DeskMetrics metrics() {
        return metrics;
    }

    /**
     * A supervisor's phone {@code endpoint} left its listening-in on {@code callId} by itself (hung up): the desks
     * show it ended ({@code hung-up}) and the audit log has its end. Any thread.
     */
    public void supervisorPhoneLeft(String callId, String endpoint) {
        spies.phoneLeft(callId, endpoint);
    }

    public DeskEvents events() {
        return events;
    }

    public DesktopHub hub() {
        return hub;
    }

    public DeskQueries queries() {
        return queries;
    }

    /** Starts listening; {@code extraRoutes} register further endpoints on the same server. */
    public ApiServer start(List<Consumer<Javalin>> extraRoutes) {
        return start(extraRoutes, true);
    }

    /**
     * After a restart the ACD rebuilds operator states from its log; a desktop's Welcome must report those states,
     * not OFFLINE (otherwise Ready would be a no-op for an operator the ACD already thinks is Ready).
     */
    private void seedDesksFromAcd() {
        try {
            for (dev.frontline.core.acd.OperatorView o : ports.acd().snapshot().operators()) {
                desks.seed(o.id().value(), o.state(), o.reason(), o.since());
            }
        } catch (UnsupportedOperationException e) {
            log.debug("ACD without snapshots: desktops start from OFFLINE until its first event");
        }
    }

    /**
     * After a restart: operators the ACD restored as anything but Offline are set Offline unless a desktop of theirs
     * connects within {@link AbsentDesks#GRACE} (not for the demo's simulated operators, which have none).
     */
    public void expectDesktops() {
        for (dev.frontline.core.acd.OperatorView o : ports.acd().snapshot().operators()) {
            absent.expect(o.id().value(), o.state());
        }
    }

    /** @param serveSounds serve {@code api.sounds-dir} under {@code /sounds} (off when the Twilio routes do it) */
    public ApiServer start(List<Consumer<Javalin>> extraRoutes, boolean serveSounds) {
        return prepare(extraRoutes, serveSounds, false).listen();
    }

    /**
     * Builds the HTTP server with every route, opening no port: {@link #listen} opens it. With {@code hot} (a
     * standby, ADR 0149) Jetty is also started now, on a loopback port of its own that answers one request (503
     * "standby") and is closed again, so that {@link #listen} only binds {@code api.port}; until {@link #listen} every
     * request gets 503.
     */
    public ApiServer prepare(List<Consumer<Javalin>> extraRoutes, boolean serveSounds, boolean hot) {
        if (app != null) {
            throw new IllegalStateException("already prepared");
        }
        this.hot = hot;
        dev.frontline.core.store.AuditLog audit = new dev.frontline.core.store.AuditLog(ports.database(), clock);
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
            cfg.jetty.modifyWebSocketServletFactory(f -> {
                f.setIdleTimeout(Duration.ofMinutes(10));
                // read commands up to WS_READ_LIMIT so one over DeskSocket.MAX_COMMAND gets an error reply; Jetty's
                // default (64 KB) closed the socket instead. Beyond the read limit Jetty still closes (1009).
                f.setMaxTextMessageSize(DeskSocket.READ_LIMIT);
            });
            HttpLimits.apply(cfg, config, hot ? this::firstConnector : HttpLimits.connector(config));
            if (serveSounds && Files.isDirectory(config.soundsDir())) {
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/sounds";
                    sf.directory = config.soundsDir().toAbsolutePath().toString();
                    sf.location = Location.EXTERNAL;
                });
            }
            if (!config.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    String first = config.corsOrigins().get(0);
                    rule.allowHost(first, config.corsOrigins().subList(1, config.corsOrigins().size())
                            .toArray(String[]::new));
                }));
            }
        });
        app.before(ctx -> {
            if (!listening) { // only reachable on a standby's warm-up port: nothing is served before the election
                throw new io.javalin.http.ServiceUnavailableResponse("standby: not the ACD leader");
            }
        });
        app.exception(ApiException.class, (e, ctx) ->
                ctx.status(e.status).json(e.body()));
        app.exception(JsonProcessingException.class, (e, ctx) ->
                ctx.status(400).json(new Views.HttpError("bad-request", "unreadable JSON: " + e.getOriginalMessage(),
                        null)));
        app.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new Views.HttpError("bad-request", e.getMessage(), null)));
        app.exception(Exception.class, (e, ctx) -> {
            if (e.getCause() instanceof JsonProcessingException j) {
                ctx.status(400).json(new Views.HttpError("bad-request", "unreadable JSON: " + j.getOriginalMessage(),
                        null));
                return;
            }
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            log.error("{} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
            // no exception text in the answer: it may carry SQL or paths; the log has it under the reference
            ctx.status(500).json(new Views.HttpError("internal", "the server failed (reference " + reference
                    + " in its log)", null));
        });
        new AuthRoutes(ports.operators(), sessions, auth, hub, absent,
                new LoginGuard(clock, config.loginAttemptsPerMinute(), this::loginLockedOut),
                new RateLimiter(clock, config.loginAttemptsPerMinute() * 3, Duration.ofMinutes(1)), audit,
                deskSettings(choices, zone)).register(app);
        new QueryRoutes(auth, ports.customers(), queries, ports.knowledgeBase(), visibility, screenPops, feed, commands,
                new WaitingChart(new JdbcAcdEventLog(ports.database()), clock), ports.targets(),
                new CustomerSearch(ports.customers(), ports.phones(),
                        new RateLimiter(clock, SEARCHES_PER_MINUTE, Duration.ofMinutes(1)),
                        new RateLimiter(clock, SEARCHES_PER_DAY, Duration.ofDays(1)),
                        audit), clock, audit)
                .register(app);
        metrics.register(app);
        new ReportRoutes(auth, new dev.frontline.core.report.CallReports(ports.database(), ports.targets(),
                reportSettings.firstContactDays(), clock), ports.acd(),
                audit, zone, clock).register(app);
        new AuditRoutes(auth, audit).register(app);
        new OutageRoutes(auth, ports.outages(), ports.database(), audit, clock).register(app);
        new KbRoutes(auth, new dev.frontline.core.store.JdbcKbArticles(ports.database(), audit, clock), zone).register(app);
        new RecordingRoutes(auth, new dev.frontline.core.store.JdbcRecordings(ports.database()), visibility, audit).register(app);
        new DeskSocket(auth, sessions, hub, desks, commands, writers, absent, clock, spies).register(app);
        for (Consumer<Javalin> routes : extraRoutes) {
            routes.accept(app);
        }
        if (hot) {
            app.start();
            warmUp();
        }
        return this;
    }

    /**
     * Serves: the desks' states from the started ACD, then {@code api.port} opens (on a standby that {@link #prepare}
     * started hot, by adding its connector to the running Jetty).
     *
     * @throws dev.frontline.core.config.ConfigException naming {@code api.port} when it cannot be bound (hot start)
     */
    public ApiServer listen() {
        if (app == null) {
            throw new IllegalStateException("prepare comes before listen");
        }
        seedDesksFromAcd();
        listening = true;
        if (hot) {
            org.eclipse.jetty.server.Server jetty = app.jettyServer().server();
            org.eclipse.jetty.server.ServerConnector connector = HttpLimits.connector(config).apply(jetty, httpConfig);
            jetty.addConnector(connector);
            try {
                connector.start();
            } catch (Exception e) {
                jetty.removeConnector(connector);
                throw new dev.frontline.core.config.ConfigException("api.port", "cannot listen on " + config.bind()
                        + ":" + config.port() + ": " + e.getMessage());
            }
        } else {
            app.start();
        }
        sweeper.scheduleWithFixedDelay(dev.frontline.server.KeepRunning.guard("session sweep", log, this::sweep), 1, 1, TimeUnit.SECONDS);
        sweeper.scheduleWithFixedDelay(dev.frontline.server.KeepRunning.guard("ticket watch", log, this::watchTickets), TICKET_WATCH.toSeconds(), TICKET_WATCH.toSeconds(), TimeUnit.SECONDS);
        log.info("desktop API on http://{}:{}/", config.bind(), app.port());
        return this;
    }

    /**
     * Closes the desktops of expired and revoked sessions, has the ACD route by accounts changed in the store and
     * sets offline idle operators whose desktop is gone (the sweeper does it every second; revocations and accounts
     * are read every 5 s).
     */
    void sweep() {
        try {
            for (DeskSession s : sessions.sweepExpired()) {
                hub.closeSession(s.token(), DeskSocket.CLOSE_SESSION_ENDED, "token expired");
            }
            for (DeskSession s : sessions.sweepRevoked()) {
                log.info("session of {} ended: revoked in the store (password changed or account deactivated)",
                        s.operator().id().value());
                hub.closeSession(s.token(), DeskSocket.CLOSE_SESSION_ENDED, "logged out");
                if (ports.operators().find(s.operator().id()).filter(Operator::active).isEmpty()) {
                    ports.acd().setOperatorState(s.operator().id(), OperatorState.OFFLINE, "deactivated");
                }
            }
            accounts.sweep(sessions.live());
            absent.sweep();
        } catch (RuntimeException e) {
            log.error("session sweep failed", e);
        }
    }

    /** How often tickets are checked against their line's target (an alert is at most this late). */
    static final Duration TICKET_WATCH = Duration.ofSeconds(10);

    void watchTickets() {
        try {
            ticketWatch.sweep();
        } catch (RuntimeException e) {
            log.error("ticket watch failed", e);
        }
    }

    /** A login locked from one address: recorded and shown to supervisors (the login still works elsewhere). */
    private void loginLockedOut(String login, String detail) {
        try {
            new dev.frontline.core.store.AuditLog(ports.database(), clock).record("system", "login-lockout", login,
                    detail);
        } catch (RuntimeException e) {
            log.error("could not record the lock-out of {} ({})", login, detail, e);
        }
        events.alert(new Views.Alert(clock.instant(), "warning", "login '" + login + "' locked out from " + detail
                + " after repeated wrong passwords", null, null, "login-lockout", null, null, null));
    }

    public int port() {
        return app.port();
    }

    private boolean hot;
    private volatile boolean listening;
    private org.eclipse.jetty.server.HttpConfiguration httpConfig;

    /** A hot start's first connector: loopback, any free port, for the warm-up only. */
    private org.eclipse.jetty.server.ServerConnector firstConnector(org.eclipse.jetty.server.Server server,
                                                                    org.eclipse.jetty.server.HttpConfiguration http) {
        this.httpConfig = http;
        org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(server,
                new org.eclipse.jetty.server.HttpConnectionFactory(http));
        c.setHost("127.0.0.1");
        c.setPort(0);
        return c;
    }

    /**
     * One request through the started Jetty on its loopback warm-up port (it answers 503), then that port is closed:
     * Jetty, the Javalin pipeline and the JSON writer have run once, and no port is open.
     */
    private void warmUp() {
        org.eclipse.jetty.server.Server jetty = app.jettyServer().server();
        org.eclipse.jetty.server.Connector first = jetty.getConnectors()[0];
        long t0 = System.nanoTime();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            log.warn("warming up the API server failed: {}", e.toString());
        } finally {
            jetty.removeConnector(first);
            try {
                first.stop();
            } catch (Exception e) {
                log.warn("closing the API's warm-up port failed: {}", e.toString());
            }
        }
        log.info("API server built and warmed up in {} ms; no port open until elected",
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        feed.close();
        if (app != null) {
            hub.closeAll(1001, "server shutting down");
            app.stop();
        }
        events.close();
        writers.shutdownNow();
    }

    /** The operators' choices as the desktop receives them at login. */
    static Views.DeskSettings deskSettings(dev.frontline.core.desk.DeskChoices c, java.time.ZoneId zone) {
        return new Views.DeskSettings(c.dispositions(), c.callbackTimes().stream().map(t -> new Views.CallbackTime(
                t.after() == null ? null : t.after().toMinutes(),
                t.nextDayAt() == null ? null : t.nextDayAt().toString())).toList(), zone.getId());
    }
}
