package dev.frontline.server.demo;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.server.cli.ConfigOption;
import dev.frontline.server.cli.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code frontline demo-data --customers N [--seed S] [--force]}: fills the store with a demo desk, in one transaction. */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Fill the store with demo customers (en/ru/lt/pl/sl), operators, supervisors, tickets, "
                + "knowledge-base articles and an outage. Prints the demo passwords once.")
public final class DemoDataCommand implements Callable<Integer> {
    /**
     * Tables emptied by --force, children first. {@code acd_snapshots} goes with {@code call_events}: a snapshot of the
     * wiped log would bring its callers and operators back at the next start (ADR 0134).
     */
    static final List<String> WIPE = List.of("acd_snapshots", "ticket_notes", "tickets", "callback_attempts", "callbacks", "sms_messages",
            "ratings", "call_events", "calls", "flow_sessions", "customer_phones", "customers", "operators",
            "kb_articles", "outages");

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOption config;
    @Option(names = "--customers", paramLabel = "N", required = true, description = "how many customers (1-2000000)")
    int customers;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed; the same seed gives the same data (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--force", description = "replace existing data: deletes customers, operators, tickets, calls, "
            + "callbacks, SMS log, knowledge base, outages and the ACD's event log and snapshots first")
    boolean force;

    private final Clock clock;

    public DemoDataCommand() {
        this(Clock.systemUTC());
    }

    DemoDataCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (customers < 1 || customers > 2_000_000) {
            err.println("frontline demo-data: --customers must be between 1 and 2000000, not " + customers);
            return 2;
        }
        FrontlineConfig cfg = config.load();
        try (Stores stores = Stores.open(cfg, clock)) {
            long existingCustomers = stores.customers().count();
            long existingOperators = stores.operators().all().size();
            if ((existingCustomers > 0 || existingOperators > 0) && !force) {
                err.println("frontline demo-data: the store (" + cfg.store().url() + ") already has " + existingCustomers
                        + " customers and " + existingOperators + " operators; nothing written. "
                        + "Use --force to replace them (deletes customers, operators, tickets, calls, callbacks, "
                        + "SMS log, knowledge base and outages).");
                return 1;
            }
            Instant now = clock.instant();
            DemoData.DemoSet set = stores.database().inTransaction(c -> {
                if (force) {
                    wipe(c);
                }
                long first = ticketCounter(c) + 1;
                DemoData.DemoSet demo = new DemoData(seed, stores.phoneNumbers(), stores.slowHash()::hash)
                        .generate(customers, now, first);
                write(c, stores, demo);
                return demo;
            });
            stores.database().changed(JdbcCustomerRepository.CUSTOMERS);
            print(out, cfg, set);
            return 0;
        }
    }

    /**
     * Fills the store with a demo desk in one transaction, as the command does, without printing (the embedded demo
     * and {@code serve --demo}, which set their own demo password afterwards).
     */
    public static void fill(Stores stores, int customers, long seed, Instant now) {
        stores.database().inTransaction(c -> {
            long first = ticketCounter(c) + 1;
            write(c, stores, new DemoData(seed, stores.phoneNumbers(), stores.slowHash()::hash)
                    .generate(customers, now, first));
            return null;
        });
        stores.database().changed(JdbcCustomerRepository.CUSTOMERS);
    }

    /**
     * The sample customers of a demo desk filled by {@link #fill} with the same seed and count, with their PINs, for
     * the test phone: generated again (the same seed gives the same PINs; no hashing needed) and kept only where the
     * store holds that customer with that name and mobile, so a store filled otherwise yields none.
     */
    public static List<Views.SampleCaller> sampleCallers(Stores stores, int customers, long seed, Instant now) {
        DemoData.DemoSet set = new DemoData(seed, stores.phoneNumbers(), secret -> "").generate(customers, now, 1);
        List<Views.SampleCaller> out = new ArrayList<>();
        for (DemoData.Sample s : set.samples()) {
            stores.customers().findByContract(s.contract())
                    .filter(c -> c.name().equals(s.name()) && c.mobile().isPresent())
                    .filter(c -> c.mobile().get().equals(stores.phoneNumbers().requireE164(s.mobile())))
                    .ifPresent(c -> out.add(new Views.SampleCaller(c.name(), c.mobile().get(), s.language().code(),
                            s.area(), s.pin(), s.area().equals(set.outage().area()))));
        }
        return out;
    }

    private static void wipe(Connection c) throws SQLException {
        for (String table : WIPE) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM counters WHERE name = 'ticket'")) {
            ps.executeUpdate();
        }
    }

    private static long ticketCounter(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM counters WHERE name = 'ticket'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void write(Connection c, Stores stores, DemoData.DemoSet set) throws SQLException {
        List<CustomerId> ids = stores.customers().insertAll(c, set.customers());
        stores.operators().insertAll(c, set.accounts().stream().map(DemoData.Account::operator).toList());
        try (PreparedStatement t = c.prepareStatement("INSERT INTO tickets (id, customer_id, subject, intent, tier, state,"
                + " priority, opened_at, due_at, closed_at, operator_login) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement n = c.prepareStatement(
                     "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES (?,?,?,?,?)")) {
            for (DemoData.Ticket ticket : set.tickets()) {
                t.setString(1, ticket.id());
                t.setLong(2, ids.get(ticket.customerIndex()).value());
                t.setString(3, ticket.subject());
                t.setString(4, ticket.intent().name().toLowerCase(Locale.ROOT));
                t.setString(5, ticket.tier().name().toLowerCase(Locale.ROOT));
                t.setString(6, ticket.state());
                t.setInt(7, ticket.priority());
                t.setLong(8, ticket.openedAt().toEpochMilli());
                t.setLong(9, ticket.dueAt().toEpochMilli());
                t.setObject(10, ticket.closedAt().map(Instant::toEpochMilli).orElse(null), java.sql.Types.BIGINT);
                t.setString(11, ticket.operator());
                t.addBatch();
                for (DemoData.Note note : ticket.notes()) {
                    n.setString(1, ticket.id());
                    n.setLong(2, ticket.openedAt().plus(note.after()).toEpochMilli());
                    n.setString(3, note.author());
                    n.setString(4, note.kind());
                    n.setString(5, note.text());
                    n.addBatch();
                }
            }
            t.executeBatch();
            n.executeBatch();
        }
        long last = ticketCounter(c) + set.tickets().size();
        try (PreparedStatement del = c.prepareStatement("DELETE FROM counters WHERE name = 'ticket'");
             PreparedStatement ins = c.prepareStatement("INSERT INTO counters (name, value) VALUES ('ticket', ?)")) {
            del.executeUpdate();
            ins.setLong(1, last);
            ins.executeUpdate();
        }
        try (PreparedStatement k = c.prepareStatement(
                "INSERT INTO kb_articles (title, body, tags, language) VALUES (?,?,?,?)")) {
            for (KnowledgeBase.Article a : set.articles()) {
                k.setString(1, a.title());
                k.setString(2, a.body());
                k.setString(3, a.tags());
                k.setString(4, a.language());
                k.addBatch();
            }
            k.executeBatch();
        }
        DemoData.Outage o = set.outage();
        JdbcOutageRepository.insert(c, o.area(), o.description(), o.startedAt(), Optional.of(o.expectedEnd()));
    }

    private void print(PrintWriter out, FrontlineConfig cfg, DemoData.DemoSet set) {
        String mix = set.customers().stream().collect(Collectors.groupingBy(x -> x.language().code(),
                java.util.TreeMap::new, Collectors.counting())).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        long notes = set.tickets().stream().mapToLong(t -> t.notes().size()).sum();
        out.printf(Locale.ROOT, "demo data written to %s (seed %d):%n", cfg.store().url(), seed);
        out.printf(Locale.ROOT, "  %d customers (%s), %d operators + %d supervisors, %d tickets with %d notes,"
                        + " %d knowledge-base articles%n", set.customers().size(), mix,
                set.accounts().stream().filter(a -> a.operator().role() == dev.frontline.core.operator.Operator.Role.OPERATOR).count(),
                set.accounts().stream().filter(a -> a.operator().role() != dev.frontline.core.operator.Operator.Role.OPERATOR).count(),
                set.tickets().size(), notes, set.articles().size());
        out.printf(Locale.ROOT, "  active outage in %s: %s%n", set.outage().area(), set.outage().description());
        out.println();
        out.println("Desktop accounts (passwords are shown only now):");
        out.printf(Locale.ROOT, "  %-8s %-12s %-10s %-15s %-24s %-9s %s%n", "LOGIN", "PASSWORD", "ROLE", "LINES", "QUEUES",
                "LANGS", "PHONE");
        for (DemoData.Account a : set.accounts()) {
            NewOperator o = a.operator();
            out.printf(Locale.ROOT, "  %-8s %-12s %-10s %-15s %-24s %-9s %s%n", o.login(), a.password(),
                    o.role().name().toLowerCase(Locale.ROOT), join(o.tiers()), join(o.intents()),
                    o.languages().stream().map(l -> l.code()).sorted().collect(Collectors.joining(",")), o.endpoint());
        }
        out.println();
        out.println("Sample customers (call from the mobile; verify with the PIN):");
        out.printf(Locale.ROOT, "  %-9s %-26s %-4s %-18s %-15s %s%n", "CONTRACT", "NAME", "LANG", "MOBILE", "AREA", "PIN");
        for (DemoData.Sample s : set.samples()) {
            out.printf(Locale.ROOT, "  %-9s %-26s %-4s %-18s %-15s %s%n", s.contract(), s.name(), s.language().code(),
                    s.mobile(), s.area(), s.pin());
        }
        out.flush();
    }

    private static String join(java.util.Set<? extends Enum<?>> values) {
        return values.isEmpty() ? "-" : values.stream().sorted().map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }
}
