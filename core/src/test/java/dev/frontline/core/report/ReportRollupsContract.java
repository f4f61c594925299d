package dev.frontline.core.report;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.Retention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: every report computed from the 15-minute rollups equals the same report computed from the raw tables,
 * over seeded random calls written the way the desk writes them (a row first, then queue, answer, end and warm
 * transfers as updates), ratings, callbacks, transfers and operator states, across days and zones including DST change
 * days, after deletes, a retention purge and a change of the on-line target. Run on SQLite and PostgreSQL.
 */
abstract class ReportRollupsContract {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Vilnius"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kathmandu"), ZoneOffset.UTC);
    /** Days around the 2026 changes: EU spring (29 March), EU autumn (25 October), US autumn (1 November). */
    static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 1));
    static final String[] INTENTS = {"technical", "sales", "general", null};
    static final String[] TIERS = {"line1", "line2", "line3", null};
    static final String[] LANGS = {"lt", "ru", "en", "pl", "sl", null};
    static final String[] OPS = {"anna", "bob", "chen", "dora", "emil", null};
    static final String[] STEPS = {"sms-contract", "sms-login", "balance", null};

    protected Database db;
    final Random rnd = new Random(20261207);
    final List<String> ids = new ArrayList<>();

    protected abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyReportFromRollupsEqualsTheRawTables() {
        seed(1200);
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        int compared = assertAllEqual(reports);
        assertThat(compared).isGreaterThan(100);
        assertHoursAreTheirQuarters();

        // deletes of single calls (the IVR's delete of a call it should not have kept) and a retention purge
        db.inTransaction(c -> {
            for (int i = 0; i < ids.size(); i += 13) {
                update(c, "DELETE FROM ratings WHERE call_id = '" + ids.get(i) + "'");
                update(c, "DELETE FROM calls WHERE call_id = '" + ids.get(i) + "'");
            }
            return null;
        });
        Clock april = Clock.fixed(Instant.parse("2027-04-10T00:00:00Z"), ZoneOffset.UTC);
        new Retention(db, april, new AuditLog(db, april)).purge(6, false, "test");
        assertThat(count("SELECT count(*) FROM calls WHERE started_at < "
                + Instant.parse("2026-06-01T00:00:00Z").toEpochMilli())).as("the purge removed March's ended calls")
                .isBetween(1L, 200L);
        assertAllEqual(reports);
        assertHoursAreTheirQuarters();

        // state events removed and rewritten by hand (as V74 recoded break reasons): the operators' rollups follow
        db.inTransaction(c -> {
            update(c, "DELETE FROM call_events WHERE type = 'OperatorStateChanged' AND seq % 17 = 0");
            update(c, "UPDATE call_events SET payload = replace(payload, '\"coffee\"', '\"lunch\"') "
                    + "WHERE type = 'OperatorStateChanged' AND seq % 5 = 0");
            update(c, "UPDATE call_events SET at = at - 3600000 WHERE type = 'OperatorStateChanged' AND seq % 23 = 0");
            update(c, "DELETE FROM call_events WHERE type = 'CallTransferred' AND seq % 7 = 0");
            update(c, "UPDATE call_events SET payload = replace(payload, 'LINE3', 'LINE2') "
                    + "WHERE type = 'CallTransferred' AND seq % 3 = 0");
            return null;
        });
        assertAllEqual(reports);

        // another on-line target: the rollups are rebuilt once and still agree
        CallReports slower = new CallReports(db, new Targets(Duration.ofSeconds(45), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofHours(24)));
        assertAllEqual(slower);
        assertThat(count("SELECT on_line_target_ms FROM call_rollup_target")).isEqualTo(45_000L);
        assertHoursAreTheirQuarters();
    }

    /** The hour rollups (V122) hold exactly the sums of their quarters, row for row: none missing, none left over. */
    void assertHoursAreTheirQuarters() {
        String sums = "sum(calls), sum(offered), sum(answered), sum(abandoned), sum(self_served), sum(in_target), "
                + "sum(answer_wait_ms), sum(abandon_wait_ms), sum(talk_ms), sum(talked), max(longest_wait_ms)";
        List<String> quarters = rows("SELECT dim, quarter / 4, val, " + sums + " FROM call_rollups "
                + "GROUP BY dim, quarter / 4, val ORDER BY 1, 2, 3");
        List<String> hours = rows("SELECT dim, hour, val, " + sums + " FROM call_hour_rollups "
                + "GROUP BY dim, hour, val ORDER BY 1, 2, 3");
        assertThat(quarters).hasSizeGreaterThan(100);
        assertThat(hours).isEqualTo(quarters);
    }

    @Test
    void theHourRollupsAreWhatTheReportReads() {
        seed(300);
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        // a month by day in a zone of whole-hour offsets: hours; in Kathmandu (+05:45): quarters only
        ReportQuery vilnius = ReportQuery.period("month", DAYS.get(2), ZONES.get(0), ReportQuery.Interval.DAY,
                ReportQuery.Breakdown.OPERATOR);
        ReportQuery kathmandu = ReportQuery.period("month", DAYS.get(2), ZONES.get(2), ReportQuery.Interval.DAY,
                ReportQuery.Breakdown.OPERATOR);
        List<CallReport.Row> before = reports.report(vilnius).rows();
        List<CallReport.Row> quartersOnly = reports.report(kathmandu).rows();
        assertThat(before).isNotEmpty();
        db.inTransaction(c -> update(c, "UPDATE call_hour_rollups SET answered = answered + 1"));
        assertThat(reports.report(vilnius).rows()).isNotEqualTo(before);
        assertThat(reports.report(kathmandu).rows()).isEqualTo(quartersOnly);
        assertThat(reports.fromRawTables().report(vilnius).rows()).isEqualTo(before);
    }

    /**
     * First contact (V119): repeat calls by number and, once identified, by customer; customers identified after
     * the rollups were built; tickets on calls (by the call's ticket and by the ticket's call) with reopen notes
     * added, blanked and deleted; a customer erased; a purge; a window change; "now" inside the windows.
     */
    @Test
    void firstContactFromRollupsEqualsTheRawTables() {
        seed(900);
        long created = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        db.inTransaction(c -> {
            for (int i = 0; i < 30; i++) {
                update(c, "INSERT INTO customers (contract_number, name, created_at) VALUES (?, ?, ?)", "C" + i, "n" + i,
                        created);
            }
            // a third of the calls identified as the IVR does it (a customer of their number, most of the time)
            for (int i = 0; i < ids.size(); i += 3) {
                update(c, "UPDATE calls SET customer_id = (SELECT id FROM customers WHERE contract_number = ?) "
                        + "WHERE call_id = ?", "C" + (rnd.nextInt(10) == 0 ? rnd.nextInt(30) : i % 30), ids.get(i));
            }
            return null;
        });
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        assertAllEqual(reports);
        assertThat(count("SELECT covered_q FROM first_contact_state")).as("the rollups were built").isPositive();
        long again = count("SELECT sum(again) FROM first_contact_rollups");
        assertThat(again).as("calls contacted again").isGreaterThan(50);

        // later: identification of earlier calls; then tickets and reopen notes (some in, some after the window)
        db.inTransaction(c -> {
            for (int i = 1; i < ids.size(); i += 7) {
                update(c, "UPDATE calls SET customer_id = (SELECT id FROM customers WHERE contract_number = ?) "
                        + "WHERE call_id = ?", "C" + rnd.nextInt(30), ids.get(i));
            }
            return null;
        });
        assertThat(count("SELECT count(*) FROM first_contact_stale")).as("identification marked").isPositive();
        assertFirstContactEqual(reports);
        db.inTransaction(c -> {
            for (int i = 2; i < ids.size(); i += 5) {
                String ticket = "FL-" + i;
                String call = ids.get(i);
                boolean onTheCall = rnd.nextBoolean();
                update(c, "INSERT INTO tickets (id, call_id, subject, tier, state, opened_at) "
                        + "SELECT ?, ?, 's', 'line1', 'open', started_at FROM calls WHERE call_id = ?",
                        ticket, onTheCall ? call : null, call);
                if (!onTheCall) update(c, "UPDATE calls SET ticket_id = ? WHERE call_id = ?", ticket, call);
                update(c, "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) SELECT ?, started_at + ?, 'anna', "
                                + "?, ? FROM calls WHERE call_id = ?", ticket, (long) rnd.nextInt(10 * 86_400_000),
                        rnd.nextInt(5) == 0 ? "note" : "state", rnd.nextInt(4) == 0 ? "closed" : "reopened: again", call);
            }
            return null;
        });
        assertThat(count("SELECT count(*) FROM first_contact_stale")).as("marked for the next report").isPositive();
        assertFirstContactEqual(reports);
        assertThat(count("SELECT count(*) FROM first_contact_stale")).isZero();

        // tickets reopened later
        db.inTransaction(c -> update(c, "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) SELECT t.id, "
                + "k.started_at + 3600000 * (k.started_at % 200), 'bob', 'state', 'reopened' FROM tickets t "
                + "JOIN calls k ON k.call_id = t.call_id OR k.ticket_id = t.id WHERE k.started_at % 3 = 0"));
        assertFirstContactEqual(reports);

        // notes blanked (retention), deleted, a ticket moved to another call; a customer erased
        db.inTransaction(c -> {
            update(c, "UPDATE ticket_notes SET text = '[removed]' WHERE id % 3 = 0");
            update(c, "DELETE FROM ticket_notes WHERE id % 7 = 0");
            update(c, "UPDATE tickets SET call_id = ? WHERE call_id IS NOT NULL AND id LIKE '%2'", ids.get(5));
            return null;
        });
        assertFirstContactEqual(reports);
        Clock april = Clock.fixed(Instant.parse("2027-04-10T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new Retention(db, april, new AuditLog(db, april)).erase("C4", "test")).isPresent();
        assertFirstContactEqual(reports);

        // another window: rebuilt once; "now" inside the windows of the compared days (calls too recent to judge)
        CallReports threeDays = new CallReports(db, Targets.DEFAULTS, 3, Clock.systemUTC());
        assertFirstContactEqual(threeDays);
        assertThat(count("SELECT window_ms FROM first_contact_state")).isEqualTo(3 * 86_400_000L);
        Instant inside = DAYS.get(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(2).plusMinutes(7));
        CallReports recent = new CallReports(db, Targets.DEFAULTS, 7, Clock.fixed(inside, ZoneOffset.UTC));
        assertFirstContactEqual(recent);
        assertThat(recent.report(ReportQuery.period("week", DAYS.get(2), ZONES.get(0), ReportQuery.Interval.TOTAL,
                ReportQuery.Breakdown.NONE)).firstContact().pending()).as("calls too recent to judge").isPositive();
        new Retention(db, april, new AuditLog(db, april)).purge(6, false, "test");
        assertFirstContactEqual(reports);
    }

    /**
     * Ticket times (V123): tickets opened on a line, answered by operators and by others, escalated, closed, still
     * open (past their target at "now" or not); then notes added, rewritten and deleted, tickets closed, reopened,
     * moved and deleted, an operator added, other targets, another "now".
     */
    @Test
    void ticketTimesFromRollupsEqualTheRawTables() {
        long created = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        db.inTransaction(c -> {
            for (String op : List.of("anna", "bob", "chen")) {
                update(c, "INSERT INTO operators (login, name, password_hash, role, skills, languages, created_at) "
                        + "VALUES (?, ?, 'x', 'operator', 'line1', 'en', ?)", op, op, created);
            }
            for (int i = 0; i < 500; i++) ticket(c, "T" + i);
            return null;
        });
        Instant now = DAYS.get(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(13));
        CallReports reports = new CallReports(db, Targets.DEFAULTS, 7, Clock.fixed(now, ZoneOffset.UTC));
        assertTicketsEqual(reports);
        assertThat(count("SELECT built FROM ticket_time_state")).as("built by the first report").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket_time_waiting")).as("open, not answered on their line").isGreaterThan(10);

        db.inTransaction(c -> {
            for (int i = 0; i < 500; i += 7) note(c, "T" + i);
            update(c, "UPDATE tickets SET closed_at = opened_at + 7200000, state = 'closed' WHERE closed_at IS NULL "
                    + "AND id LIKE '%3'");
            update(c, "UPDATE tickets SET closed_at = NULL, state = 'open' WHERE closed_at IS NOT NULL AND id LIKE '%5'");
            update(c, "UPDATE ticket_notes SET author = 'nobody' WHERE id % 11 = 0");
            update(c, "UPDATE ticket_notes SET text = 'line1 -> line3' WHERE kind = 'escalation' AND id % 2 = 0");
            update(c, "DELETE FROM ticket_notes WHERE id % 13 = 0");
            update(c, "UPDATE tickets SET opened_at = opened_at + 86400000 WHERE id LIKE '%9'");
            update(c, "DELETE FROM ticket_notes WHERE ticket_id LIKE '%8'");
            update(c, "DELETE FROM tickets WHERE id LIKE '%8'");
            return null;
        });
        assertThat(count("SELECT count(*) FROM ticket_time_stale")).as("marked").isPositive();
        assertTicketsEqual(reports);
        assertThat(count("SELECT count(*) FROM ticket_time_stale")).isZero();

        // an operator more: notes by that login now count as answers (all rebuilt once)
        db.inTransaction(c -> update(c, "INSERT INTO operators (login, name, password_hash, role, skills, languages, "
                + "created_at) VALUES ('nobody', 'N', 'x', 'operator', 'line1', 'en', ?)", created));
        assertThat(count("SELECT built FROM ticket_time_state")).isZero();
        assertTicketsEqual(reports);
        // other targets (rebuilt once), another "now" (nothing rebuilt: only the waiting tickets are judged again)
        assertTicketsEqual(new CallReports(db, new Targets(Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(8)), 7, Clock.fixed(now, ZoneOffset.UTC)));
        assertTicketsEqual(new CallReports(db, Targets.DEFAULTS, 7, Clock.fixed(now.plus(Duration.ofDays(3)),
                ZoneOffset.UTC)));
    }

    @Test
    void theTicketTimeRollupsAreWhatTheReportReads() {
        db.inTransaction(c -> {
            for (int i = 0; i < 100; i++) ticket(c, "T" + i);
            return null;
        });
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        ReportQuery q = new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 30), ZONES.get(0),
                ReportQuery.Interval.TOTAL, ReportQuery.Breakdown.NONE);
        List<CallReport.TicketLine> before = reports.report(q).tickets();
        assertThat(before.get(0).reached()).isPositive();
        db.inTransaction(c -> update(c, "UPDATE ticket_time_rollups SET reached = reached + 1"));
        assertThat(reports.report(q).tickets()).isNotEqualTo(before);
        assertThat(reports.fromRawTables().report(q).tickets()).isEqualTo(before);
    }

    /** A ticket opened on one of {@link #DAYS} on a line, with 0-4 notes; 70 % closed. */
    void ticket(Connection c, String id) throws SQLException {
        LocalDate day = DAYS.get(rnd.nextInt(DAYS.size()));
        long opened = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 6 * 3_600_000L
                + (long) (rnd.nextDouble() * 36 * 3_600_000L);
        Long closed = rnd.nextInt(10) < 7 ? opened + rnd.nextInt(3 * 86_400_000) : null;
        update(c, "INSERT INTO tickets (id, subject, tier, state, opened_at, closed_at) VALUES (?, 's', 'line1', ?, ?, ?)",
                id, closed == null ? "open" : "closed", opened, closed);
        if (rnd.nextInt(4) > 0) {
            update(c, "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES (?, ?, ?, 'state', ?)", id,
                    opened, rnd.nextBoolean() ? null : "anna", "opened on " + pick(new String[] {"line1", "line2", "LINE3"}));
        }
        for (int n = rnd.nextInt(5); n > 0; n--) note(c, id);
    }

    /** A note at a random time after the ticket's opening: an answer, an escalation, a close, by anyone. */
    void note(Connection c, String ticket) throws SQLException {
        String[][] kinds = {{"note", "hello"}, {"taken", ""}, {"disposition", "fixed"}, {"state", "closed"},
                {"escalation", "line1 -> line2"}, {"escalation", "to the next line"}, {"sms", "sent"}};
        String[] k = pick(kinds);
        update(c, "INSERT INTO ticket_notes (ticket_id, at, author, kind, text) SELECT id, opened_at + ?, ?, ?, ? "
                        + "FROM tickets WHERE id = ?", (long) rnd.nextInt(2 * 86_400_000),
                pick(new String[] {"anna", "bob", "chen", "nobody", null}), k[0], k[1], ticket);
    }

    /** Ticket lines of every zone's day, week and month of {@link #DAYS} and the whole range, both ways. */
    void assertTicketsEqual(CallReports reports) {
        CallReports raw = reports.fromRawTables();
        for (ZoneId zone : ZONES) {
            List<ReportQuery> qs = new ArrayList<>();
            for (LocalDate day : DAYS) {
                for (String period : List.of("day", "week", "month")) {
                    qs.add(ReportQuery.period(period, day, zone, ReportQuery.Interval.TOTAL, ReportQuery.Breakdown.NONE));
                }
            }
            qs.add(new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 30), zone, ReportQuery.Interval.TOTAL,
                    ReportQuery.Breakdown.NONE));
            for (ReportQuery q : qs) {
                assertThat(reports.report(q).tickets()).as(q.toString()).isEqualTo(raw.report(q).tickets());
            }
        }
    }

    /** First contact of every zone's day, week and month of {@link #DAYS} and the whole range, both ways. */
    void assertFirstContactEqual(CallReports reports) {
        CallReports raw = reports.fromRawTables();
        for (ZoneId zone : ZONES) {
            List<ReportQuery> qs = new ArrayList<>();
            for (LocalDate day : DAYS) {
                for (String period : List.of("day", "week", "month")) {
                    qs.add(ReportQuery.period(period, day, zone, ReportQuery.Interval.TOTAL, ReportQuery.Breakdown.NONE));
                }
            }
            qs.add(new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 30), zone, ReportQuery.Interval.TOTAL,
                    ReportQuery.Breakdown.NONE));
            for (ReportQuery q : qs) {
                assertThat(reports.report(q).firstContact()).as(q.toString()).isEqualTo(raw.report(q).firstContact());
            }
        }
    }

    @Test
    void theRollupsAreWhatTheReportReads() {
        seed(200);
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        ReportQuery q = new ReportQuery(DAYS.get(0), DAYS.get(4), ZONES.get(0), ReportQuery.Interval.TOTAL,
                ReportQuery.Breakdown.NONE);
        long offered = reports.report(q).rows().get(0).offered();
        db.inTransaction(c -> update(c, "UPDATE call_rollups SET offered = offered + 1 WHERE dim = 'none'"));
        assertThat(reports.report(q).rows().get(0).offered()).isGreaterThan(offered);
        assertThat(reports.fromRawTables().report(q).rows().get(0).offered()).isEqualTo(offered);
    }

    /**
     * States still open: "now" a few minutes after the last state change, inside the periods compared; the open span
     * of each operator counts until now in both ways.
     */
    @Test
    void operatorTimeWithStatesStillOpenNowEqualsTheRawTables() {
        seed(600);
        long last = count("SELECT max(at) FROM call_events WHERE type = 'OperatorStateChanged'");
        Instant now = Instant.ofEpochMilli(last + 433_217);
        CallReports reports = new CallReports(db, Targets.DEFAULTS, 7, Clock.fixed(now, ZoneOffset.UTC));
        CallReports raw = reports.fromRawTables();
        int open = 0;
        for (ZoneId zone : ZONES) {
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (String period : List.of("day", "week", "month")) {
                for (LocalDate day : List.of(today, today.minusDays(1))) {
                    ReportQuery q = ReportQuery.period(period, day, zone, ReportQuery.Interval.TOTAL,
                            ReportQuery.Breakdown.NONE);
                    List<CallReport.OperatorTime> a = reports.report(q).operatorTime();
                    assertThat(a).as(q.toString()).isEqualTo(raw.report(q).operatorTime());
                    if (!a.isEmpty() && q.end().isAfter(now)) open++;
                }
            }
        }
        assertThat(open).as("reports with a state open now").isGreaterThan(3);
        assertThat(count("SELECT count(*) FROM operator_open_states")).isEqualTo(5);
    }

    @Test
    void theOperatorTimeRollupsAreWhatTheReportReads() {
        seed(300);
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        ReportQuery q = ReportQuery.period("month", DAYS.get(2), ZONES.get(0), ReportQuery.Interval.TOTAL,
                ReportQuery.Breakdown.NONE);
        List<CallReport.OperatorTime> before = reports.report(q).operatorTime();
        assertThat(before).isNotEmpty();
        db.inTransaction(c -> update(c, "UPDATE operator_time_rollups SET ms = ms + 3600000 WHERE state = 'READY'"));
        assertThat(reports.report(q).operatorTime()).isNotEqualTo(before);
        assertThat(reports.fromRawTables().report(q).operatorTime()).isEqualTo(before);
    }

    @Test
    void theTransferRollupsAreWhatTheReportReads() {
        seed(400);
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        ReportQuery q = ReportQuery.period("month", DAYS.get(2), ZONES.get(0), ReportQuery.Interval.TOTAL,
                ReportQuery.Breakdown.NONE);
        CallReport.Transfers before = reports.report(q).transfers();
        assertThat(before.line1To2() + before.line2To3() + before.other()).isGreaterThan(5);
        db.inTransaction(c -> update(c, "UPDATE transfer_rollups SET n = n + 1"));
        assertThat(reports.report(q).transfers()).isNotEqualTo(before);
        assertThat(reports.fromRawTables().report(q).transfers()).isEqualTo(before);
    }

    @Test
    void aMigratedEmptyStoreHasNoRollupsAndReportsNothing() {
        CallReports reports = new CallReports(db, Targets.DEFAULTS);
        ReportQuery q = ReportQuery.period("month", DAYS.get(0), ZONES.get(0), ReportQuery.Interval.DAY,
                ReportQuery.Breakdown.OPERATOR);
        assertThat(reports.report(q).rows()).isEmpty();
        assertThat(count("SELECT count(*) FROM call_rollups")).isZero();
    }

    /** Compares every interval and breakdown for each zone over each day, its week and month; returns how many. */
    int assertAllEqual(CallReports reports) {
        CallReports raw = reports.fromRawTables();
        int n = 0;
        int withRows = 0;
        for (ZoneId zone : ZONES) {
            for (LocalDate day : DAYS) {
                for (ReportQuery.Breakdown by : ReportQuery.Breakdown.values()) {
                    for (ReportQuery.Interval interval : ReportQuery.Interval.values()) {
                        List<ReportQuery> qs = new ArrayList<>(List.of(ReportQuery.period("day", day, zone, interval, by),
                                ReportQuery.period("week", day, zone, interval, by)));
                        if (interval != ReportQuery.Interval.QUARTER_HOUR) {
                            qs.add(ReportQuery.period("month", day, zone, interval, by));
                        }
                        for (ReportQuery q : qs) {
                            CallReport a = reports.report(q);
                            CallReport b = raw.report(q);
                            assertSame(q, a, b);
                            n++;
                            if (!a.rows().isEmpty()) withRows++;
                        }
                    }
                }
            }
            // the whole range at once, by day and in total
            for (ReportQuery.Interval interval : List.of(ReportQuery.Interval.DAY, ReportQuery.Interval.TOTAL)) {
                for (ReportQuery.Breakdown by : List.of(ReportQuery.Breakdown.QUEUE, ReportQuery.Breakdown.OPERATOR)) {
                    ReportQuery q = new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 30), zone, interval, by);
                    assertSame(q, reports.report(q), raw.report(q));
                    n++;
                }
            }
        }
        assertThat(withRows).as("reports with rows").isGreaterThan(n / 2);
        return n;
    }

    static void assertSame(ReportQuery q, CallReport a, CallReport b) {
        String what = q.toString();
        assertThat(a.rows()).as(what).isEqualTo(b.rows());
        assertThat(a.selfServedByStep()).as(what).isEqualTo(b.selfServedByStep());
        assertThat(a.ratings().counts()).as(what).isEqualTo(b.ratings().counts());
        assertThat(a.ratings().average()).as(what).isEqualTo(b.ratings().average());
        assertThat(a.ratings().shareOfFives()).as(what).isEqualTo(b.ratings().shareOfFives());
        assertThat(a.transfers()).as(what).isEqualTo(b.transfers());
        assertThat(a.callbacks()).as(what).isEqualTo(b.callbacks());
        assertThat(a.operatorTime()).as(what).isEqualTo(b.operatorTime());
        assertThat(a.abandonedCallers()).as(what).isEqualTo(b.abandonedCallers());
        assertThat(a.tickets()).as(what).isEqualTo(b.tickets());
        assertThat(a.firstContact()).as(what).isEqualTo(b.firstContact());
    }

    /** {@code calls} random calls over {@link #DAYS} at any time of day, written as the desk writes them. */
    void seed(int calls) {
        db.inTransaction(c -> {
            for (int i = 0; i < calls; i++) {
                String id = "r" + i;
                ids.add(id);
                LocalDate day = DAYS.get(rnd.nextInt(DAYS.size()));
                long started = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 6 * 3_600_000L
                        + (long) (rnd.nextDouble() * 36 * 3_600_000L);
                String number = "+3706" + (1_000_000 + rnd.nextInt(300));
                String intent = pick(INTENTS);
                String tier = pick(TIERS);
                String lang = pick(LANGS);
                String op = pick(OPS);
                double u = rnd.nextDouble();
                Long queued = null;
                Long answered = null;
                Long ended = started + 5_000 + rnd.nextInt(60_000);
                String outcome;
                String step = "queue";
                if (u < 0.25) {
                    outcome = "self-served";
                    step = pick(STEPS);
                } else if (u < 0.3) {
                    outcome = "hangup";
                    step = pick(STEPS);
                } else {
                    queued = started + 10_000 + rnd.nextInt(30_000);
                    double v = rnd.nextDouble();
                    if (v < 0.65) {
                        // a few answered "before" queued (clock skew between writers): a wait of 0
                        answered = queued + (rnd.nextInt(20) == 0 ? -2_000 : rnd.nextInt(120_000));
                        ended = rnd.nextInt(15) == 0 ? null : answered + rnd.nextInt(600_000);
                        outcome = ended == null ? null : "answered";
                    } else if (v < 0.85) {
                        ended = queued + rnd.nextInt(150_000);
                        outcome = "abandoned";
                    } else if (v < 0.93) {
                        ended = queued + 30_000;
                        outcome = "callback";
                    } else {
                        ended = null;
                        outcome = null;
                    }
                }
                if (rnd.nextBoolean()) {
                    insert(c, id, number, started, queued, answered, ended, outcome, step, intent, tier, lang,
                            answered == null ? null : op);
                } else {
                    // the IVR's row first, then the ACD's stamps, as CallRecordRepository and JdbcAcdEventLog write
                    insert(c, id, number, started, null, null, null, null, null, null, null, lang, null);
                    if (queued != null) {
                        update(c, "UPDATE calls SET queued_at = ?, intent = ?, priority = 3, tier = ? WHERE call_id = ?",
                                queued, intent, tier, id);
                    } else {
                        update(c, "UPDATE calls SET intent = ?, tier = ? WHERE call_id = ?", intent, tier, id);
                    }
                    if (answered != null) {
                        update(c, "UPDATE calls SET answered_at = ?, operator_login = ? WHERE call_id = ?", answered, op, id);
                    }
                    if (ended != null || outcome != null) {
                        update(c, "UPDATE calls SET ended_at = ?, outcome = ?, ended_at_step = ? WHERE call_id = ?",
                                ended, outcome, step, id);
                    }
                }
                if (answered != null && rnd.nextInt(8) == 0) {
                    // a warm transfer: the call is now the colleague's
                    update(c, "UPDATE calls SET operator_login = ?, warm_transfers = warm_transfers + 1 WHERE call_id = ?",
                            pick(OPS), id);
                }
                if (rnd.nextInt(40) == 0) {
                    // a language learnt late (or a corrected start): the row moves between rollups
                    update(c, "UPDATE calls SET language = ?, started_at = started_at + 600000 WHERE call_id = ?",
                            pick(LANGS), id);
                }
                if (answered != null && rnd.nextInt(3) == 0) {
                    update(c, "INSERT INTO ratings (call_id, score, at) VALUES (?, ?, ?)", id, 1 + rnd.nextInt(5),
                            (ended == null ? answered : ended) + rnd.nextInt(3_600_000));
                }
                if ("callback".equals(outcome)) {
                    update(c, "INSERT INTO callbacks (call_id, number, intent, priority, tier, language, "
                                    + "original_arrived_at, state, created_at, updated_at) VALUES (?, ?, 'general', 3, 'line1', "
                                    + "'en', ?, ?, ?, ?)", id, number, queued, rnd.nextBoolean() ? "done" : "pending",
                            ended, ended);
                }
                if (answered != null && rnd.nextInt(6) == 0) {
                    update(c, "INSERT INTO call_events (at, type, call_id, operator_login, payload) VALUES (?, ?, ?, ?, ?)",
                            answered + 20_000, "CallTransferred", id, op, "{\"callId\":{\"value\":\"" + id
                                    + "\"},\"intent\":\"TECHNICAL\",\"tier\":\"" + (rnd.nextBoolean() ? "LINE2" : "LINE3") + "\"}");
                    if (rnd.nextInt(3) == 0) {
                        // onwards (1 -> 2 -> 3), to the same line (no tier) or after midnight (another period)
                        String tier2 = rnd.nextInt(4) == 0 ? null : pick(new String[] {"LINE2", "LINE3", "LINE1"});
                        update(c, "INSERT INTO call_events (at, type, call_id, operator_login, payload) VALUES (?, ?, ?, ?, ?)",
                                answered + 60_000 + (rnd.nextBoolean() ? 0 : rnd.nextInt(86_400_000)), "CallTransferred",
                                id, op, rnd.nextInt(10) == 0 ? "{not json" : "{\"callId\":{\"value\":\"" + id
                                        + "\"},\"tier\":" + (tier2 == null ? "null" : "\"" + tier2 + "\"") + "}");
                    }
                    if (rnd.nextInt(10) == 0) {
                        // the call's queued line corrected after its transfers
                        update(c, "UPDATE calls SET tier = ? WHERE call_id = ?", pick(TIERS), id);
                    }
                }
                if (op != null && rnd.nextInt(3) == 0) {
                    // states written out of time order (the calls are), now and then two at the same millisecond
                    stateEvent(c, op, started + 1);
                    if (rnd.nextInt(10) == 0) stateEvent(c, op, started + 1);
                }
            }
            // a few ratings re-scored and removed
            update(c, "UPDATE ratings SET score = 5 WHERE call_id IN ('r3', 'r30', 'r300')");
            update(c, "DELETE FROM ratings WHERE call_id IN ('r7', 'r70', 'r700')");
            return null;
        });
    }

    static final String[] STATES = {"READY", "READY", "WRAP_UP", "BREAK", "BREAK", "OFFLINE", "BUSY"};
    static final String[] REASONS = {"lunch", "coffee", "training", null};

    /** An operator's state change as JdbcAcdEventLog writes it; a few with a payload no one can read. */
    void stateEvent(Connection c, String op, long at) throws SQLException {
        String state = pick(STATES);
        String reason = state.equals("BREAK") ? pick(REASONS) : "";
        String payload = rnd.nextInt(60) == 0 ? "{not json" : "{\"operator\":{\"value\":\"" + op + "\"},\"state\":\""
                + state + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}";
        update(c, "INSERT INTO call_events (at, type, call_id, operator_login, payload) VALUES (?, ?, ?, ?, ?)",
                at, "OperatorStateChanged", null, op, payload);
    }

    <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static void insert(Connection c, String id, String number, long started, Long queued, Long answered, Long ended,
                       String outcome, String step, String intent, String tier, String lang, String op) throws SQLException {
        update(c, "INSERT INTO calls (call_id, backend, calling_number, started_at, queued_at, answered_at, ended_at, "
                        + "outcome, ended_at_step, intent, tier, language, operator_login) VALUES (?, 'sim', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, number, started, queued, answered, ended, outcome, step, intent, tier, lang, op);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    List<String> rows(String sql) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
                    out.add(b.toString());
                }
            }
            return out;
        });
    }

    long count(String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
