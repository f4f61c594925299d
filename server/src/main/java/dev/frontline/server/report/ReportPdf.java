package dev.frontline.server.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.Image;
import dev.frontline.core.report.CallReport;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as a PDF (OpenPDF): the period, the totals, a bar chart of offered and answered calls per interval and
 * one of the rating distribution (drawn with the PDF's own vector graphics), and the tables.
 */
public final class ReportPdf {
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Color OFFERED = new Color(0x9e, 0xc5, 0xe8);
    private static final Color ANSWERED = new Color(0x2e, 0x7d, 0x32);

    private ReportPdf() {
    }

    public static byte[] render(CallReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 30, 30, 30, 30);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle("Frontline call report " + r.query().from() + " to " + r.query().to());
            doc.open();
            doc.add(new Paragraph("Call report " + r.query().from() + " to " + r.query().to() + " (" + r.query().zone()
                    + ", by " + r.query().interval().code + ", " + r.query().by().code() + ")", TITLE));
            doc.add(new Paragraph("Service level: answered within " + r.onLineTargetSeconds() + " s of all offered.", BODY));
            Map<String, Long> totals = totals(r);
            doc.add(table(List.of("calls", "offered", "answered", "abandoned", "self-served", "callbacks requested",
                            "callbacks done", "callbacks failed", "line 1 -> 2", "line 2 -> 3", "rating avg"),
                    List.of(List.of(s(totals.get("calls")), s(totals.get("offered")), s(totals.get("answered")),
                            s(totals.get("abandoned")), s(totals.get("selfServed")), s(r.callbacks().requested()),
                            s(r.callbacks().done()), s(r.callbacks().failed()),
                            r.transfers().line1To2() + " of " + r.transfers().line1Answered(),
                            s(r.transfers().line2To3()), ReportCsv.num(r.ratings().average())))));
            doc.add(new Paragraph("Offered (light) and answered (dark) per interval", HEAD));
            doc.add(chart(writer, bars(r)));
            doc.add(new Paragraph("Ratings 1..5", HEAD));
            List<long[]> ratings = new ArrayList<>();
            for (long n : r.ratings().counts()) ratings.add(new long[] {n, n});
            doc.add(chart(writer, ratings));
            doc.add(new Paragraph("Intervals", HEAD));
            List<List<String>> rows = new ArrayList<>();
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(r.query().zone());
            for (CallReport.Row row : r.rows()) {
                rows.add(List.of(f.format(row.start()), row.key(), s(row.offered()), s(row.answered()), s(row.abandoned()),
                        ReportCsv.num(row.abandonWait()), s(row.selfServed()), pct(row.serviceLevel()),
                        ReportCsv.num(row.asa()), ReportCsv.num(row.aht()), s(row.longestWait())));
            }
            doc.add(table(List.of("start", "key", "offered", "answered", "abandoned", "abandon wait s", "self-served",
                    "service level", "ASA s", "AHT s", "longest wait s"), rows));
            doc.add(new Paragraph("Tickets opened in the period: time to first answer and to resolution per line", HEAD));
            List<List<String>> lines = new ArrayList<>();
            for (CallReport.TicketLine l : r.tickets()) {
                lines.add(List.of(l.line(), l.targetSeconds() + " s", s(l.reached()), s(l.answered()),
                        l.answeredWithinTarget() + " of " + l.answered(), s(l.unansweredPastTarget()),
                        ReportCsv.num(l.avgFirstAnswer()), s(l.resolved()), l.resolvedWithinTarget() + " of " + l.resolved(),
                        ReportCsv.num(l.avgResolution())));
            }
            doc.add(table(List.of("line", "target", "reached", "answered", "answered in target", "unanswered past target",
                    "avg first answer s", "resolved", "resolved in target", "avg resolution s"), lines));
            CallReport.FirstContact fc = r.firstContact();
            doc.add(new Paragraph("First-contact resolution (no repeat call or reopened ticket within " + fc.days()
                    + " days): " + pct(fc.rate()) + " (" + fc.resolved() + " of " + fc.judged() + " answered calls judged; "
                    + fc.pending() + " still within their " + fc.days() + " days)", BODY));
            doc.add(new Paragraph("Self-served by menu step", HEAD));
            List<List<String>> steps = new ArrayList<>();
            r.selfServedByStep().forEach((k, v) -> steps.add(List.of(k, s(v))));
            doc.add(table(List.of("step", "calls"), steps));
            doc.add(new Paragraph("Operator time (seconds)", HEAD));
            List<List<String>> ops = new ArrayList<>();
            for (CallReport.OperatorTime t : r.operatorTime()) {
                ops.add(List.of(t.operator(), t.byState().toString(), t.breakByReason().toString()));
            }
            doc.add(table(List.of("operator", "by state", "break by reason"), ops));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the report as PDF: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static Map<String, Long> totals(CallReport r) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (CallReport.Row row : r.rows()) {
            t.merge("calls", row.calls(), Long::sum);
            t.merge("offered", row.offered(), Long::sum);
            t.merge("answered", row.answered(), Long::sum);
            t.merge("abandoned", row.abandoned(), Long::sum);
            t.merge("selfServed", row.selfServed(), Long::sum);
        }
        return t;
    }

    /** Offered and answered per interval start (all keys added up). */
    private static List<long[]> bars(CallReport r) {
        Map<java.time.Instant, long[]> by = new java.util.TreeMap<>();
        for (CallReport.Row row : r.rows()) {
            long[] b = by.computeIfAbsent(row.start(), k -> new long[2]);
            b[0] += row.offered();
            b[1] += row.answered();
        }
        return new ArrayList<>(by.values());
    }

    /** Pairs of bars (light: first value, dark: second) scaled to the highest, as a vector image. */
    private static Image chart(PdfWriter writer, List<long[]> bars) throws DocumentException {
        float w = 760;
        float h = 120;
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate t = cb.createTemplate(w, h);
        long max = 1;
        for (long[] b : bars) max = Math.max(max, Math.max(b[0], b[1]));
        float slot = bars.isEmpty() ? w : Math.min(40, w / bars.size());
        t.setColorStroke(Color.GRAY);
        t.moveTo(0, 0.5f);
        t.lineTo(w, 0.5f);
        t.stroke();
        for (int i = 0; i < bars.size(); i++) {
            float x = i * slot;
            t.setColorFill(OFFERED);
            t.rectangle(x + 1, 1, Math.max(1, slot * 0.45f), h * bars.get(i)[0] / max);
            t.fill();
            t.setColorFill(ANSWERED);
            t.rectangle(x + 1 + slot * 0.45f, 1, Math.max(1, slot * 0.45f), h * bars.get(i)[1] / max);
            t.fill();
        }
        return Image.getInstance(t);
    }

    private static PdfPTable table(List<String> header, List<List<String>> rows) {
        PdfPTable t = new PdfPTable(header.size());
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setSpacingAfter(8);
        for (String h : header) t.addCell(new com.lowagie.text.Phrase(h, HEAD));
        t.setHeaderRows(1);
        for (List<String> row : rows) {
            for (String c : row) t.addCell(new com.lowagie.text.Phrase(c, BODY));
        }
        if (rows.isEmpty()) {
            for (int i = 0; i < header.size(); i++) t.addCell(new com.lowagie.text.Phrase(i == 0 ? "none" : "", BODY));
        }
        return t;
    }

    private static String s(long n) {
        return Long.toString(n);
    }

    private static String s(Long n) {
        return n == null ? "0" : n.toString();
    }

    private static String pct(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.1f %%", d * 100);
    }
}
