package dev.frontline.core.report;

import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Ticket times per line against targets, and first-contact resolution, over a real SQLite file. */
class TicketTimesAndFirstContactTest {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final Instant NINE = DAY.atTime(9, 0).atZone(VILNIUS).toInstant();
    static final ReportQuery Q = new ReportQuery(DAY, DAY, VILNIUS, ReportQuery.Interval.DAY, ReportQuery.Breakdown.NONE);

    @TempDir Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = SqliteTestDatabase.open(dir);
        sql("INSERT INTO operators (login, name, password_hash, role, skills, languages, created_at) VALUES "
                + "('anna', 'Anna', 'x', 'operator', 'line1', 'en', 0), ('eric', 'Eric', 'x', 'operator', 'line3', 'en', 0)");
        sql("INSERT INTO customers (id, contract_number, name, created_at) VALUES (1, 'C-1', 'Ona', 0), (2, 'C-2', 'Jonas', 0)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    void sql(String s) {
        db.inTransaction(c -> c.createStatement().executeUpdate(s));
    }

    long at(int minutes) {
        return NINE.plusSeconds(minutes * 60L).toEpochMilli();
    }

    void ticket(String id, int openedMin, Integer closedMin) {
        sql("INSERT INTO tickets (id, subject, tier, state, opened_at, closed_at) VALUES ('" + id + "', 's', 'line1', '"
                + (closedMin == null ? "open" : "closed") + "', " + at(openedMin) + ", " + (closedMin == null ? "NULL" : at(closedMin)) + ")");
    }

    void note(String ticket, int min, String author, String kind, String text) {
        sql("INSERT INTO ticket_notes (ticket_id, at, author, kind, text) VALUES ('" + ticket + "', " + at(min) + ", "
                + (author == null ? "NULL" : "'" + author + "'") + ", '" + kind + "', '" + text + "')");
    }

    CallReports reports(Instant now) {
        return new CallReports(db, Targets.DEFAULTS, 7, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void ticketTimesPerLineAgainstTheirTargets() {
        // T1: opened by anna on a call (answered at once), closed on line 1 after 4 min (within 5 min)
        ticket("T1", 0, 4);
        note("T1", 0, "anna", "state", "opened on line1: no internet");
        note("T1", 4, "anna", "state", "closed: router restarted");
        // T2: from the web form; anna takes it after 8 min (late); escalated to line 3 at 10; eric notes at 70, closes at 190
        ticket("T2", 0, 190);
        note("T2", 0, "web-form", "state", "opened on line1: slow");
        note("T2", 8, "anna", "taken", "taken on line1");
        note("T2", 10, "anna", "escalation", "line1 -> line3: fibre");
        note("T2", 70, "eric", "note", "on site tomorrow");
        note("T2", 190, "eric", "state", "closed: fibre spliced");
        // T3: from the web form, nobody answered for 20 min (past the 5 min target), still open
        ticket("T3", 30, null);
        note("T3", 30, "web-form", "state", "opened on line1: tv");

        CallReport r = reports(NINE.plusSeconds(50 * 60)).report(Q);

        CallReport.TicketLine l1 = r.tickets().get(0);
        assertThat(l1.line()).isEqualTo("line1");
        assertThat(l1.targetSeconds()).isEqualTo(300);
        assertThat(l1.reached()).isEqualTo(3);
        assertThat(l1.answered()).isEqualTo(2);
        assertThat(l1.answeredWithinTarget()).isEqualTo(1);
        assertThat(l1.unansweredPastTarget()).isEqualTo(1);
        assertThat(l1.avgFirstAnswer()).isCloseTo(240.0, within(0.01)); // (0 + 480) / 2
        assertThat(l1.longestFirstAnswer()).isEqualTo(480);
        assertThat(l1.resolved()).isEqualTo(1);
        assertThat(l1.resolvedWithinTarget()).isEqualTo(1);
        assertThat(l1.avgResolution()).isCloseTo(240.0, within(0.01));
        CallReport.TicketLine l3 = r.tickets().get(2);
        assertThat(l3.reached()).isEqualTo(1);
        assertThat(l3.answered()).isEqualTo(1);
        assertThat(l3.avgFirstAnswer()).isCloseTo(3600.0, within(0.01));
        assertThat(l3.answeredWithinTarget()).isEqualTo(1);
        assertThat(l3.resolved()).isEqualTo(1);
        assertThat(l3.avgResolution()).isCloseTo(180 * 60.0, within(0.01));
        assertThat(r.tickets().get(1).reached()).isZero();
    }

    void call(String id, Integer customer, String number, Instant start, boolean answered) {
        long s = start.toEpochMilli();
        sql("INSERT INTO calls (call_id, backend, calling_number, customer_id, started_at, queued_at, answered_at) VALUES ('"
                + id + "', 'sim', '" + number + "', " + customer + ", " + s + ", " + (s + 1000) + ", "
                + (answered ? String.valueOf(s + 5000) : "NULL") + ")");
    }

    @Test
    void aRepeatCallOrAReopenedTicketWithinNDaysIsNotAFirstContactResolution() {
        call("a", 1, "+37061111111", NINE, true);                              // Ona calls again in 3 days: not resolved
        call("a2", 1, "+37062222222", NINE.plusSeconds(3 * 86400), true);
        call("b", 2, "+37063333333", NINE.plusSeconds(60), true);             // Jonas calls again after 8 days: resolved
        call("b2", 2, "+37063333333", NINE.plusSeconds(8 * 86400), true);
        call("c", null, "+37064444444", NINE.plusSeconds(120), true);         // unknown number, never again: resolved
        call("d", null, "+37065555555", NINE.plusSeconds(180), true);         // its ticket reopened the next day
        sql("INSERT INTO tickets (id, call_id, subject, tier, state, opened_at) VALUES ('T9', 'd', 's', 'line1', 'open', " + at(3) + ")");
        note("T9", 24 * 60 + 3, "anna", "state", "reopened: still broken");
        call("e", null, "+37066666666", NINE.plusSeconds(240), false);        // not answered: not counted

        CallReport.FirstContact fc = reports(NINE.plusSeconds(10 * 86400)).report(Q).firstContact();
        assertThat(fc.days()).isEqualTo(7);
        assertThat(fc.answered()).isEqualTo(4);
        assertThat(fc.judged()).isEqualTo(4);
        assertThat(fc.resolved()).isEqualTo(2);
        assertThat(fc.rate()).isCloseTo(0.5, within(0.001));

        CallReport.FirstContact early = reports(NINE.plusSeconds(2 * 86400)).report(Q).firstContact();
        assertThat(early.pending()).isEqualTo(4);
        assertThat(early.judged()).isZero();
        assertThat(early.rate()).isNull();
        assertThatThrownBy(() -> new CallReports(db, Targets.DEFAULTS, 0, Clock.systemUTC()))
                .hasMessageContaining("1..90");
    }
}
