package dev.frontline.server.demo;

import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOperatorRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataCommandTest {
    private static final SlowHash HASH = new SlowHash(10);
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) throws Exception {
        Path config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cl.execute(all.toArray(String[]::new));
    }

    private long count(Database db, String table) {
        return db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void fillsTheStoreAndThePrintedCredentialsWork() throws Exception {
        assertThat(run("demo-data", "--customers", "60", "--seed", "7")).as(err.toString()).isEqualTo(0);
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            assertThat(count(db, "customers")).isEqualTo(60);
            assertThat(count(db, "operators")).isEqualTo(14);
            assertThat(count(db, "tickets")).isEqualTo(6);
            assertThat(count(db, "ticket_notes")).as("an opening note and at least one more per ticket").isGreaterThanOrEqualTo(12);
            assertThat(count(db, "kb_articles")).isGreaterThanOrEqualTo(20);
            long counter = db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT value FROM counters WHERE name = 'ticket'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(counter).isEqualTo(6);
            assertThat(new JdbcOutageRepository(db).active(Instant.now())).singleElement()
                    .satisfies(o -> assertThat(o.area()).isEqualTo("Kaunas"));
            // a printed supervisor password signs in
            Matcher m = Pattern.compile("vida\\s+(\\S+)\\s+supervisor").matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            assertThat(new JdbcOperatorRepository(db, HASH, Clock.systemUTC()).authenticate("vida", m.group(1).toCharArray()))
                    .isPresent();
            // a printed sample customer is found by the mobile as printed, and the printed PIN verifies
            Matcher s = Pattern.compile("(1\\d{7})\\s+.+?\\s{2,}(en|ru|lt|pl|sl)\\s+(\\+[\\d ]+?)\\s{2,}\\S+\\s+(\\d{4})").matcher(out.toString());
            assertThat(s.find()).as(out.toString()).isTrue();
            var customers = new JdbcCustomerRepository(db, Clock.systemUTC());
            var customer = customers.findByPhone(new PhoneNumbers("LT").requireE164(s.group(3))).orElseThrow();
            assertThat(customer.contractNumber()).isEqualTo(s.group(1));
            assertThat(HASH.matches(s.group(4).toCharArray(), customer.pinHash().orElseThrow())).isTrue();
        }
    }

    @Test
    void forcedDemoDataAlsoDropsTheAcdSnapshotsOfTheWipedLog() throws Exception {
        assertThat(run("demo-data", "--customers", "20")).isEqualTo(0);
        try (Database db = Database.sqlite(dir.resolve("f.db"))) { // an ACD ran: events and a snapshot of them
            db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO call_events(at, type, payload)"
                    + " VALUES (1, 'PhoneRegistration', '{}')"));
            db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO acd_snapshots(covers, format, taken_at,"
                    + " state) VALUES (1, 1, 1, '{}')"));
        }
        assertThat(run("demo-data", "--customers", "30", "--force")).as(err.toString()).isEqualTo(0);
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            assertThat(count(db, "call_events")).isZero();
            assertThat(count(db, "acd_snapshots")).as("a snapshot of the wiped log would bring its callers back")
                    .isZero();
        }
    }

    @Test
    void refusesWhenTheStoreHasCustomersUnlessForced() throws Exception {
        assertThat(run("demo-data", "--customers", "20")).isEqualTo(0);
        assertThat(run("demo-data", "--customers", "30")).isEqualTo(1);
        assertThat(err.toString()).contains("already has 20 customers").contains("--force");
        assertThat(run("demo-data", "--customers", "30", "--force")).as(err.toString()).isEqualTo(0);
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            assertThat(count(db, "customers")).isEqualTo(30);
            assertThat(count(db, "operators")).isEqualTo(14);
            assertThat(count(db, "outages")).isEqualTo(1);
        }
    }

    @Test
    void sameSeedSameDataAndEveryMobileNormalises() {
        PhoneNumbers lt = new PhoneNumbers("LT");
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        // hashing plays no part in what is generated: skip bcrypt here
        java.util.function.Function<char[], String> fastHash = secret -> "h:" + new String(secret);
        List<NewCustomer> a = new DemoData(5, lt, fastHash).generate(300, now, 1).customers();
        List<NewCustomer> b = new DemoData(5, lt, fastHash).generate(300, now, 1).customers();
        assertThat(a).extracting(NewCustomer::name).isEqualTo(b.stream().map(NewCustomer::name).toList());
        assertThat(a).extracting(NewCustomer::mobile).isEqualTo(b.stream().map(NewCustomer::mobile).toList());
        assertThat(a).extracting(NewCustomer::address).isEqualTo(b.stream().map(NewCustomer::address).toList());
        assertThat(a).extracting(NewCustomer::pinHash).isEqualTo(b.stream().map(NewCustomer::pinHash).toList());
        Set<String> mobiles = new HashSet<>();
        for (NewCustomer c : a) {
            assertThat(lt.toE164(c.mobile().orElseThrow())).as(c.name()).contains(c.mobile().get());
            assertThat(mobiles.add(c.mobile().get())).as("unique " + c.mobile().get()).isTrue();
        }
        assertThat(a).extracting(c -> c.language().code()).contains("en", "ru", "lt", "pl", "sl");
        assertThat(new DemoData(6, lt, fastHash).generate(300, now, 1).customers()).extracting(NewCustomer::name)
                .isNotEqualTo(a.stream().map(NewCustomer::name).toList());
    }

    /**
     * Found on the wallboard's tickets by line: every open demo ticket was weeks past its line's target. Open ones
     * are recent now: most within the target, some past it, none by more than a quarter of it; closed ones are not.
     */
    @Test
    void openDemoTicketsAreRecentMostWithinTheirLinesTarget() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        List<DemoData.Ticket> tickets = new DemoData(1, new PhoneNumbers("LT"), pin -> "h").generate(500, now, 1).tickets();
        List<DemoData.Ticket> open = tickets.stream().filter(t -> t.state().equals("open")).toList();
        assertThat(open).hasSizeGreaterThan(5);
        for (DemoData.Ticket t : open) {
            java.time.Duration target = dev.frontline.core.desk.Targets.DEFAULTS.forTier(t.tier());
            assertThat(t.dueAt()).as(t.id()).isAfter(now.minus(target.dividedBy(4)).minusSeconds(1));
            assertThat(t.notes()).as(t.id()).allSatisfy(n -> assertThat(t.openedAt().plus(n.after())).isBeforeOrEqualTo(now));
        }
        long within = open.stream().filter(t -> t.dueAt().isAfter(now)).count();
        assertThat(within).as("open tickets within their line's target").isGreaterThan(open.size() / 2);
        assertThat(within).as("some are overdue").isLessThan(open.size());
    }

    @Test
    void loginsAreAsciiAndUnique() {
        Set<String> used = new HashSet<>();
        assertThat(DemoData.login("Ona Kazlauskienė", used)).isEqualTo("ona.kazlauskiene");
        assertThat(DemoData.login("Ona Kazlauskienė", used)).isEqualTo("ona.kazlauskiene2");
        assertThat(DemoData.login("Ольга Смирнова", used)).isEqualTo("olga.smirnova");
        assertThat(DemoData.login("Łukasz Wiśniewski", used)).isEqualTo("lukasz.wisniewski");
    }
}
