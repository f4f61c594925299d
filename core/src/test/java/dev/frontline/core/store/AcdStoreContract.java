package dev.frontline.core.store;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.ticket.KnowledgeBase;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketNote;
import dev.frontline.core.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ACD's stores (event log, tickets, knowledge base) against a real database; run on SQLite and PostgreSQL. */
public abstract class AcdStoreContract {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    protected Database db;
    TicketService tickets;

    /** A new, migrated, empty database. */
    protected abstract Database openDatabase();

    /** A second connection pool on the same database (another process, as far as the database can tell). */
    protected abstract Database openSecondPool();

    @BeforeEach
    void open() {
        db = openDatabase();
        tickets = new TicketService(new JdbcTicketStore(db), Clock.fixed(T0, ZoneOffset.UTC), Targets.DEFAULTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    // --- tickets ---

    @Test
    void ticketIdsAreHumanReadableAndSequential() {
        Ticket first = tickets.open(Optional.empty(), Optional.of(new CallId("call-1")), "No internet", Optional.of(Intent.TECHNICAL),
                Tier.LINE1, 1, "anna");
        Ticket second = tickets.open(Optional.empty(), Optional.empty(), "Upgrade plan", Optional.of(Intent.SALES),
                Tier.LINE1, 2, "anna");
        assertThat(first.id()).isEqualTo(new TicketId("FL-000001"));
        assertThat(second.id()).isEqualTo(new TicketId("FL-000002"));
        assertThat(tickets.find(first.id())).contains(first);
        assertThat(tickets.forCall(new CallId("call-1"))).contains(first);
        assertThat(first.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void ticketIdsStayUniqueUnderConcurrencyFromTwoPools() throws Exception {
        try (Database other = openSecondPool()) {
            TicketService second = new TicketService(new JdbcTicketStore(other), Clock.systemUTC(), Targets.DEFAULTS);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<TicketId>> work = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    TicketService via = i % 2 == 0 ? tickets : second;
                    work.add(() -> via.open(Optional.empty(), Optional.empty(), "concurrent", Optional.empty(),
                            Tier.LINE1, 3, "load").id());
                }
                Set<TicketId> ids = new HashSet<>();
                for (Future<TicketId> f : pool.invokeAll(work)) {
                    ids.add(f.get());
                }
                assertThat(ids).hasSize(200);
                assertThat(ids).contains(new TicketId("FL-000001"), new TicketId("FL-000200"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void escalationMovesUpALineAndRestartsTheSlaClockWithHistory() {
        Ticket t = tickets.open(Optional.empty(), Optional.empty(), "Line drops", Optional.of(Intent.TECHNICAL),
                Tier.LINE1, 1, "anna");
        tickets.addNote(t.id(), "anna", "modem restarted, no change");
        Ticket l2 = tickets.escalate(t.id(), Optional.empty(), "anna", "needs line check");
        Ticket l3 = tickets.escalate(t.id(), Optional.empty(), "bob", "");

        assertThat(l2.tier()).isEqualTo(Tier.LINE2);
        assertThat(l2.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(l3.tier()).isEqualTo(Tier.LINE3);
        assertThat(tickets.find(t.id()).orElseThrow().dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThrows(IllegalArgumentException.class, () -> tickets.escalate(t.id(), Optional.empty(), "carl", ""));
        assertThat(tickets.history(t.id())).extracting(TicketNote::kind, TicketNote::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("state", "opened on line1: Line drops"),
                org.assertj.core.groups.Tuple.tuple("note", "modem restarted, no change"),
                org.assertj.core.groups.Tuple.tuple("escalation", "line1 -> line2: needs line check"),
                org.assertj.core.groups.Tuple.tuple("escalation", "line2 -> line3"));
    }

    @Test
    void closingRecordsTheResolutionAndStopsEscalation() {
        Ticket t = tickets.open(Optional.empty(), Optional.of(new CallId("c9")), "Invoice", Optional.of(Intent.GENERAL),
                Tier.LINE1, 3, "anna");
        tickets.disposition(new CallId("c9"), "resolved on the call", "anna");
        Ticket closed = tickets.close(t.id(), "anna", "explained the invoice");
        assertThat(closed.closedAt()).contains(T0);
        assertThrows(IllegalArgumentException.class, () -> tickets.escalate(t.id(), Optional.empty(), "anna", ""));
        assertThat(tickets.history(t.id())).extracting(TicketNote::kind).containsExactly("state", "disposition", "state");
    }

    @Test
    void aClosedTicketIsReopenedOnItsLineWithANewClockTheReasonInItsHistoryAndItsAuditRow() {
        dev.frontline.core.testing.MutableClock clock = new dev.frontline.core.testing.MutableClock(T0);
        TicketService service = new TicketService(new JdbcTicketStore(db), clock, Targets.DEFAULTS);
        AuditLog audit = new AuditLog(db, clock);
        Ticket t = service.open(Optional.empty(), Optional.empty(), "No TV", Optional.of(Intent.TECHNICAL), Tier.LINE1, 1, "anna");
        service.escalate(t.id(), Optional.empty(), "anna", "needs line 2");
        clock.advance(Duration.ofMinutes(3));
        service.close(t.id(), "rasa", "channel list reloaded");
        clock.advance(Duration.ofDays(1));

        Ticket again = service.reopen(t.id(), "rasa", "  no TV again this morning ",
                c -> audit.record(c, "rasa", "ticket-reopen", t.id().value(), "no TV again this morning"));

        assertThat(again.isOpen()).isTrue();
        assertThat(again.tier()).isEqualTo(Tier.LINE2); // the line that closed it
        assertThat(again.closedAt()).isEmpty();
        assertThat(again.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(service.find(t.id())).contains(again);
        assertThat(service.history(t.id())).last().extracting(TicketNote::kind, TicketNote::author, TicketNote::text)
                .containsExactly("state", "rasa", "reopened: no TV again this morning");
        assertThat(audit.recent(5)).extracting(AuditLog.Entry::action, AuditLog.Entry::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("ticket-reopen", t.id().value()));
        // reopened tickets are worked as any open one
        service.close(t.id(), "rasa", "set-top box replaced");
        assertThat(service.find(t.id()).orElseThrow().isOpen()).isFalse();
    }

    @Test
    void reopeningAnOpenTicketOrWithoutAReasonIsRefusedAndWritesNothing() {
        Ticket t = tickets.open(Optional.empty(), Optional.empty(), "Slow", Optional.empty(), Tier.LINE1, 3, "anna");
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> tickets.reopen(t.id(), "anna", "why", c -> { }));
        assertThat(open.getMessage()).contains("is open");
        tickets.close(t.id(), "anna", "done");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> tickets.reopen(t.id(), "anna", "  ", c -> { }));
        assertThat(empty.getMessage()).startsWith("reason");
        assertThrows(NoSuchElementException.class, () -> tickets.reopen(new TicketId("FL-999999"), "anna", "x", c -> { }));
        // a failing audit write takes the reopening back with it
        assertThrows(RuntimeException.class, () -> tickets.reopen(t.id(), "anna", "again", c -> {
            throw new java.sql.SQLException("disk full");
        }));
        assertThat(tickets.find(t.id()).orElseThrow().isOpen()).isFalse();
        assertThat(tickets.history(t.id())).extracting(TicketNote::text).containsExactly("opened on line1: Slow", "closed: done");
    }

    @Test
    void twoReopeningsAtOnceFromTwoPoolsOpenTheTicketOnce() throws Exception {
        Ticket t = tickets.open(Optional.empty(), Optional.empty(), "Router", Optional.empty(), Tier.LINE1, 3, "anna");
        tickets.close(t.id(), "anna", "restarted");
        try (Database other = openSecondPool()) {
            TicketService second = new TicketService(new JdbcTicketStore(other), Clock.fixed(T0, ZoneOffset.UTC),
                    Targets.DEFAULTS);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Boolean>> work = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    TicketService via = i % 2 == 0 ? tickets : second;
                    work.add(() -> {
                        try {
                            via.reopen(t.id(), "anna", "again", c -> { });
                            return true;
                        } catch (IllegalArgumentException alreadyOpen) {
                            return false;
                        }
                    });
                }
                int won = 0;
                for (Future<Boolean> f : pool.invokeAll(work)) {
                    if (f.get()) won++;
                }
                assertThat(won).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(tickets.history(t.id())).filteredOn(n -> n.text().startsWith("reopened")).hasSize(1);
    }

    @Test
    void aCallWhoseTicketIsReopenedWithinTheWindowIsNotAFirstContactResolution() {
        dev.frontline.core.testing.MutableClock clock = new dev.frontline.core.testing.MutableClock(T0);
        TicketService service = new TicketService(new JdbcTicketStore(db), clock, Targets.DEFAULTS);
        for (String call : List.of("k1", "k2")) {
            db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO calls (call_id, backend, calling_number,"
                    + " started_at, queued_at, answered_at) VALUES ('" + call + "', 'sim', '+3706" + (call.equals("k1") ? "1" : "2")
                    + "000000', " + T0.toEpochMilli() + ", " + (T0.toEpochMilli() + 1000) + ", " + (T0.toEpochMilli() + 5000) + ")"));
        }
        Ticket t1 = service.open(Optional.empty(), Optional.of(new CallId("k1")), "No TV", Optional.empty(), Tier.LINE1, 1, "anna");
        Ticket t2 = service.open(Optional.empty(), Optional.of(new CallId("k2")), "Invoice", Optional.empty(), Tier.LINE1, 3, "anna");
        clock.advance(Duration.ofMinutes(4));
        service.close(t1.id(), "anna", "fixed");
        service.close(t2.id(), "anna", "explained");
        clock.advance(Duration.ofDays(2));
        service.reopen(t1.id(), "boris", "no TV again", c -> { });

        java.time.LocalDate day = T0.atZone(ZoneOffset.UTC).toLocalDate();
        dev.frontline.core.report.CallReport.FirstContact fc = new dev.frontline.core.report.CallReports(db,
                Targets.DEFAULTS, 7, Clock.fixed(T0.plus(Duration.ofDays(8)), ZoneOffset.UTC))
                .report(new dev.frontline.core.report.ReportQuery(day, day, ZoneOffset.UTC,
                        dev.frontline.core.report.ReportQuery.Interval.TOTAL,
                        dev.frontline.core.report.ReportQuery.Breakdown.NONE)).firstContact();
        assertThat(fc.judged()).isEqualTo(2);
        assertThat(fc.resolved()).as("k2 resolved; k1's ticket reopened after two days").isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tickets.open(Optional.empty(),
                Optional.empty(), "  ", Optional.empty(), Tier.LINE1, 1, "anna"));
        assertThat(e.getMessage()).contains("subject");
        assertThrows(NoSuchElementException.class, () -> tickets.addNote(new TicketId("FL-999999"), "anna", "x"));
        Ticket t = tickets.open(Optional.empty(), Optional.empty(), "First", Optional.empty(), Tier.LINE1, 1, "anna");
        assertThat(t.id()).isEqualTo(new TicketId("FL-000001"));
    }

    // --- knowledge base ---

    void article(String title, String body, String tags) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO kb_articles (title, body, tags, language) VALUES (?,?,?,'en')")) {
                ps.setString(1, title);
                ps.setString(2, body);
                ps.setString(3, tags);
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void knowledgeBaseSuggestsArticlesFromAFewTypedWordsByPrefix() {
        article("Router restart", "Unplug the router for 30 seconds, plug it back and wait for the green light.", "internet,modem");
        article("Invoice explained", "Your invoice lists the plan, extras and the period.", "billing");
        article("Slow internet", "Check the Wi-Fi channel; a cable to the router rules the Wi-Fi out.", "internet,speed");
        KnowledgeBase kb = new JdbcKnowledgeBase(db);

        List<KnowledgeBase.Suggestion> found = kb.suggest("rout restar", 5);

        assertThat(found).extracting(KnowledgeBase.Suggestion::title).first().isEqualTo("Router restart");
        assertThat(found).extracting(KnowledgeBase.Suggestion::title).doesNotContain("Invoice explained");
        assertThat(kb.suggest("invoice", 5)).singleElement().satisfies(s -> assertThat(s.snippet()).contains("invoice"));
        assertThat(kb.suggest("internet", 5)).extracting(KnowledgeBase.Suggestion::title)
                .containsExactly("Slow internet", "Router restart");
    }

    @Test
    void knowledgeBaseQueriesAreNotInjectable() {
        article("Router restart", "Unplug the router.", "internet");
        KnowledgeBase kb = new JdbcKnowledgeBase(db);
        assertThat(kb.suggest("\" OR * NEAR( ') ; DROP TABLE kb_articles", 5)).isEmpty();
        assertThat(kb.suggest("router\"*", 5)).hasSize(1);
        assertThat(kb.suggest("  ", 5)).isEmpty();
    }

    // --- event log ---

    @Test
    void theEventsOfSomeKindsSinceAnInstantComeBackInOrder() {
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        OperatorId anna = new OperatorId("anna");
        QueuedCall early = new QueuedCall(new CallId("early"), Intent.SALES, 2, Tier.LINE1, Language.PL, Optional.empty(),
                "+48500000000", Backend.TWILIO, T0);
        QueuedCall late = new QueuedCall(new CallId("late"), Intent.SALES, 2, Tier.LINE1, Language.PL, Optional.empty(),
                "+48500000001", Backend.TWILIO, T0.plusSeconds(60));
        List<AcdEvent> events = List.of(
                new AcdEvent.CallQueued(early.callId(), early, T0),
                new AcdEvent.OperatorStateChanged(anna, OperatorState.READY, "", T0.plusSeconds(60)),
                new AcdEvent.CallQueued(late.callId(), late, T0.plusSeconds(60)),
                new AcdEvent.CallOffered(early.callId(), anna, "sim:anna", T0.plusSeconds(61)),
                new AcdEvent.CallAbandoned(late.callId(), T0.plusSeconds(90)));
        log.append(events);

        assertThat(log.since(T0.plusSeconds(60), Set.of(AcdEvent.CallQueued.class, AcdEvent.CallOffered.class,
                AcdEvent.CallAbandoned.class))).containsExactly(events.get(2), events.get(3), events.get(4));
        assertThat(log.since(T0, Set.of(AcdEvent.CallQueued.class))).containsExactly(events.get(0), events.get(2));
        assertThat(log.since(T0, Set.of())).isEmpty();
    }

    @Test
    void theEventLogKeepsEveryEventTypeAndTheCallbackTables() {
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        CallId call = new CallId("c1");
        OperatorId anna = new OperatorId("anna");
        QueuedCall q = new QueuedCall(call, Intent.SALES, 2, Tier.LINE1, Language.PL, Optional.empty(), "+48500000000",
                Backend.TWILIO, T0);
        CallbackRequest r = new CallbackRequest(Optional.of(call), Optional.empty(), "+48500000000", Intent.SALES, 2,
                Tier.LINE1, Language.PL, T0, Optional.of(T0), Optional.of(T0.plus(Duration.ofHours(2))), "virtual hold");
        CallbackId cb = new CallbackId(7);
        List<AcdEvent> events = List.of(
                new AcdEvent.OperatorStateChanged(anna, OperatorState.READY, "", T0),
                new AcdEvent.PhoneRegistration(anna, true, T0),
                new AcdEvent.OperatorProfileChanged(anna, T0),
                new AcdEvent.CallQueued(call, q, T0),
                new AcdEvent.PriorityChanged(call, 1, T0),
                new AcdEvent.SlaBreached(Tier.LINE1, "sales", "on-line wait 30 s", call, T0, AcdEvent.SlaKind.ON_LINE,
                        Duration.ofSeconds(30)),
                new AcdEvent.CallbackQueued(cb, Optional.of(call), "+48500000000", r, T0, T0),
                new AcdEvent.CallbackOffered(cb, anna, "cb-7-1", 1, "PJSIP/anna", "+48500000000", T0),
                new AcdEvent.CallbackAttemptFailed(cb, "cb-7-1", anna, 1, CallbackOutcome.CUSTOMER_BUSY, "busy",
                        Optional.of(T0.plus(Duration.ofMinutes(10))), T0),
                new AcdEvent.CallbackOffered(cb, anna, "cb-7-2", 2, "PJSIP/anna", "+48500000000", T0),
                new AcdEvent.CallbackAnswered(cb, "cb-7-2", anna, T0),
                new AcdEvent.CommandRejected("enqueue c1", "already", T0));
        log.append(events);

        List<AcdEvent> back = new ArrayList<>();
        log.replay(back::add);

        assertThat(back).isEqualTo(events);
        List<String> rows = db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT state, attempts, call_id FROM callbacks")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT attempt_no, outcome FROM callback_attempts ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getInt(1) + ":" + rs.getString(2));
                }
            }
            return out;
        });
        assertThat(rows).containsExactly("done/2/c1", "1:customer_busy", "2:answered");
    }

    @Test
    void aFailingAppendWritesNothing() {
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        CallbackRequest r = new CallbackRequest(Optional.empty(), Optional.of(new dev.frontline.core.common.CustomerId(424242)),
                "+37060000000", Intent.SALES, 2, Tier.LINE1, Language.EN, T0, Optional.empty(), Optional.empty(), "x");
        assertThrows(StoreException.class, () -> log.append(List.of(
                new AcdEvent.OperatorStateChanged(new OperatorId("anna"), OperatorState.READY, "", T0),
                new AcdEvent.CallbackQueued(new CallbackId(1), Optional.empty(), "+37060000000", r, T0, T0))));
        List<AcdEvent> back = new ArrayList<>();
        log.replay(back::add);
        assertThat(back).isEmpty();
    }
}
