package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.ticket.KnowledgeBase;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Read endpoints for desktops; operators see only what they handle or searched for. */
final class QueryRoutes {
    private final Auth auth;
    private final CustomerRepository customers;
    private final DeskQueries queries;
    private final KnowledgeBase knowledgeBase;
    private final Visibility visibility;
    private final ScreenPops screenPops;
    private final SupervisorFeed feed;
    private final DeskCommands commands;
    private final Clock clock;
    private final WaitingChart chart;
    private final Targets targets;
    private final CustomerSearch search;
    /** The open tickets a line's work list shows at most. */
    static final int LINE_TICKETS_LISTED = 200;
    /** The most overdue tickets the wallboard lists. */
    static final int OVERDUE_LISTED = 20;

    QueryRoutes(Auth auth, CustomerRepository customers, DeskQueries queries, KnowledgeBase knowledgeBase,
                Visibility visibility, ScreenPops screenPops, SupervisorFeed feed, DeskCommands commands,
                WaitingChart chart, Targets targets, CustomerSearch search, Clock clock,
                dev.frontline.core.store.AuditLog audit) {
        this.search = search;
        this.audit = audit;
        this.targets = targets;
        this.auth = auth;
        this.customers = customers;
        this.queries = queries;
        this.knowledgeBase = knowledgeBase;
        this.visibility = visibility;
        this.screenPops = screenPops;
        this.feed = feed;
        this.commands = commands;
        this.clock = clock;
        this.chart = chart;
    }

    private final dev.frontline.core.store.AuditLog audit;

    /** The most calls {@code GET /api/me/calls} lists (newest first). */
    static final int MY_CALLS_LISTED = 200;

    void register(Javalin app) {
        app.get("/api/customers", this::search);
        app.get("/api/customers/{id}", this::customer);
        app.get("/api/tickets", this::lineTickets);
        app.get("/api/tickets/{id}", this::ticket);
        app.get("/api/callbacks", ctx -> {
            auth.require(ctx);
            ctx.json(queries.openCallbacks(200));
        });
        app.get("/api/kb", ctx -> {
            auth.require(ctx);
            ctx.json(DeskCommands.articles(knowledgeBase, ctx.queryParam("q") == null ? "" : ctx.queryParam("q"), 10));
        });
        app.get("/api/colleagues", ctx -> { // whom an operator may consult: ready colleagues by name
            DeskSession s = auth.require(ctx);
            ctx.json(feed.colleagues(s.login()));
        });
        app.get("/api/queues", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(feed.snapshot());
        });
        app.get("/api/me/rating", ctx -> { // an operator's own, no one else's
            DeskSession s = auth.require(ctx);
            ctx.json(queries.ratingOf(s.login(), instantParam(ctx, "from")));
        });
        app.get("/api/me/calls", ctx -> { // the calls this login answered; no one else's, no login parameter
            DeskSession s = auth.require(ctx);
            List<Views.MyCall> calls = queries.callsOf(s.login(), instantParam(ctx, "from"), MY_CALLS_LISTED);
            for (Views.MyCall c : calls) { // they answered these: the way back to each record and ticket is open
                visibility.grantCall(s.login(), c.callId());
                if (c.customerId() != null) visibility.grantCustomer(s.login(), c.customerId());
                if (c.ticketId() != null) visibility.grantTicket(s.login(), c.ticketId());
            }
            ctx.json(calls);
        });
        app.get("/api/wallboard/ratings", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(queries.ratingsSince(instantParam(ctx, "from")));
        });
        app.get("/api/wallboard/tickets", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(queries.ticketLines(clock.instant(), targets::forTier, OVERDUE_LISTED));
        });
        app.get("/api/wallboard/operators", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(chart.operatorDays(instantParam(ctx, "from")));
        });
        app.get("/api/wallboard/history", ctx -> {
            auth.requireSupervisor(ctx);
            ctx.json(chart.since(instantParam(ctx, "from")));
        });
    }

    private void search(Context ctx) {
        DeskSession s = auth.require(ctx);
        List<Customer> found = search.search(s, ctx.queryParam("q"));
        for (Customer c : found) {
            visibility.grantCustomer(s.login(), c.id().value());
        }
        ctx.json(found.stream().map(ScreenPops::card).toList());
    }

    private void customer(Context ctx) {
        DeskSession s = auth.require(ctx);
        long id = longParam(ctx, "id");
        if (!s.supervisor() && !visibility.customer(s.login(), id)) {
            throw ApiException.forbidden("customer " + id + " is not one you handle or searched for");
        }
        Customer c = customers.findById(new CustomerId(id))
                .orElseThrow(() -> ApiException.notFound("no customer " + id));
        audit.record(s.login(), "open-customer", Long.toString(id), c.contractNumber());
        ctx.json(new Views.CustomerDetail(ScreenPops.card(c), queries.openTickets(id), queries.lastContacts(id, 10),
                screenPops.outageIn(c.serviceArea(), clock.instant()).orElse(null)));
    }

    /**
     * A line's work list: the open tickets of the operator's own lines (supervisors: every line), or of one of them
     * ({@code ?line=line2}). Listing lets the operator open those tickets and their customers, note, resolve and
     * escalate them: line 2 and 3 work tickets that no call of theirs brought.
     */
    private void lineTickets(Context ctx) {
        DeskSession s = auth.require(ctx);
        Set<Tier> mine = s.supervisor() ? EnumSet.allOf(Tier.class) : s.operator().tiers();
        String line = ctx.queryParam("line");
        Set<Tier> lines = mine;
        if (line != null && !line.isBlank()) {
            Tier asked = Arrays.stream(Tier.values()).filter(t -> t.name().equalsIgnoreCase(line.trim())).findFirst()
                    .orElseThrow(() -> ApiException.invalid("line", "must be line1, line2 or line3, not '" + line + "'"));
            if (!mine.contains(asked)) {
                throw ApiException.forbidden(asked.name().toLowerCase(Locale.ROOT) + " is not one of your lines");
            }
            lines = Set.of(asked);
        }
        List<Views.LineTicket> open = queries.openTicketsOn(lines, LINE_TICKETS_LISTED);
        for (Views.LineTicket t : open) {
            visibility.grantTicket(s.login(), t.ticket().ticketId());
            if (t.customerId() != null) {
                visibility.grantCustomer(s.login(), t.customerId());
            }
        }
        ctx.json(new Views.LineTickets(clock.instant(), lines.stream().sorted().map(Tier::name).toList(), open));
    }

    private void ticket(Context ctx) {
        DeskSession s = auth.require(ctx);
        String id = ctx.pathParam("id");
        Views.TicketDetail t = queries.ticket(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        if (!s.supervisor() && !commands.mayReadTicket(s.login(), id)) {
            throw ApiException.forbidden("ticket " + id + " is not one of your customers'");
        }
        ctx.json(t);
    }

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw ApiException.invalid(name, "is required: an instant like 2026-11-23T00:00:00Z");
        }
        try {
            Instant at = Instant.parse(v.trim());
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) { // far-off instants overflow the store's millisecond columns
                throw ApiException.invalid(name, "must be between " + EARLIEST + " and " + LATEST + ", not '" + v + "'");
            }
            return at;
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an instant like 2026-11-23T00:00:00Z, not '" + v + "'");
        }
    }

    static long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a number, not '" + ctx.pathParam(name) + "'");
        }
    }
}
