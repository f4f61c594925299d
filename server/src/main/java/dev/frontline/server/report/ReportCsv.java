package dev.frontline.server.report;

import dev.frontline.core.report.CallReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/** A report's rows as CSV (RFC 4180, one header line), interval starts in the desk's zone with their offset. */
public final class ReportCsv {
    static final String[] HEADER = {"interval_start", "key", "calls", "offered", "answered", "abandoned",
            "abandon_wait_s", "self_served", "service_level", "asa_s", "aht_s", "longest_wait_s"};

    private ReportCsv() {
    }

    public static String rows(CallReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
            for (CallReport.Row row : r.rows()) {
                p.printRecord(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.start().atZone(r.query().zone())),
                        row.key(), row.calls(), row.offered(), row.answered(), row.abandoned(), num(row.abandonWait()),
                        row.selfServed(), num(row.serviceLevel()), num(row.asa()), num(row.aht()), row.longestWait());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static final String[] TICKET_HEADER = {"line", "target_s", "reached", "answered", "answered_within_target",
            "unanswered_past_target", "avg_first_answer_s", "longest_first_answer_s", "resolved", "resolved_within_target",
            "avg_resolution_s"};

    /** The ticket times per line, one row per line. */
    public static String tickets(CallReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(TICKET_HEADER).build())) {
            for (CallReport.TicketLine l : r.tickets()) {
                p.printRecord(l.line(), l.targetSeconds(), l.reached(), l.answered(), l.answeredWithinTarget(),
                        l.unansweredPastTarget(), num(l.avgFirstAnswer()),
                        l.longestFirstAnswer() == null ? "" : l.longestFirstAnswer(), l.resolved(),
                        l.resolvedWithinTarget(), num(l.avgResolution()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static final String[] FCR_HEADER = {"days", "answered", "judged", "resolved", "pending", "rate"};

    /** First-contact resolution: one row. */
    public static String firstContact(CallReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(FCR_HEADER).build())) {
            CallReport.FirstContact f = r.firstContact();
            p.printRecord(f.days(), f.answered(), f.judged(), f.resolved(), f.pending(), num(f.rate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String num(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
