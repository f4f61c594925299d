package dev.frontline.desktop.net;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.core.report.CallReport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A supervisor's reports and administration ({@code /api/reports}, {@code /api/admin}: docs/api.md). Futures complete
 * on the UI thread; a refusal fails with an {@link ApiException} carrying the server's status, message and, for a bad
 * field, {@link ApiException#fields()}. The server audits every change.
 */
public interface AdminDesk {

    /**
     * What a report covers: a named {@code period} (day, week, month) ending on {@code day} (null: the desk's today),
     * or {@code from}..{@code to} when {@code from} is set; {@code interval} 15min / hour / day / total; {@code by}
     * none / queue / line / language / operator.
     */
    record ReportRequest(String period, LocalDate day, LocalDate from, LocalDate to, String interval, String by) {
        java.util.Map<String, String> params() {
            java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
            if (from != null) {
                p.put("from", from.toString());
                p.put("to", (to == null ? from : to).toString());
            } else {
                p.put("period", period);
                if (day != null) p.put("day", day.toString());
            }
            p.put("interval", interval);
            p.put("by", by);
            return p;
        }
    }

    CompletableFuture<CallReport> callReport(ReportRequest q);

    /** The report as the server's file: {@code format} csv (of {@code table}: rows, tickets, first-contact) or pdf. */
    CompletableFuture<byte[]> export(ReportRequest q, String format, String table);

    /** Today's callers who hung up waiting, not answered or called back since. */
    CompletableFuture<List<CallReport.AbandonedCaller>> abandoned();

    /** A callback for an abandoned caller, keeping their first place in line. */
    CompletableFuture<Void> callBack(String callId);

    CompletableFuture<List<AdminViews.Outage>> outages();

    /** The areas an outage may name (the customers' service areas), sorted: {@code GET /api/admin/outage-areas}. */
    CompletableFuture<List<String>> outageAreas();

    CompletableFuture<AdminViews.Outage> reportOutage(AdminViews.NewOutage outage);

    CompletableFuture<Void> extendOutage(long id, Instant expectedEnd);

    CompletableFuture<Void> resolveOutage(long id);

    /** Articles of {@code language} (null: all), the retired ones instead when {@code retired}. */
    CompletableFuture<List<Views.KbArticleText>> articles(String language, boolean retired);

    CompletableFuture<Views.KbArticleText> createArticle(AdminViews.KbDraft draft);

    CompletableFuture<Views.KbArticleText> editArticle(long id, AdminViews.KbDraft draft);

    CompletableFuture<Void> retireArticle(long id);

    CompletableFuture<List<Views.CustomerCard>> findCustomers(String query);

    /** A new PIN texted to the customer's mobile on file; completes with what the server said (never the PIN). */
    CompletableFuture<AdminViews.Done> resetPin(long customerId);

    CompletableFuture<AdminViews.Done> deactivate(long customerId);

    CompletableFuture<AdminViews.OnDuty> onDuty();

    /** Replaces the whole on-duty rota ({@code PUT /api/admin/on-duty}); answers the rota now in force. */
    CompletableFuture<AdminViews.OnDuty> saveOnDuty(AdminViews.RotaEdit rota);
}
