package dev.frontline.desktop.net;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.core.report.CallReport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link AdminDesk} over the server's HTTP API with a supervisor's session. Thread-safe. */
final class RemoteAdminDesk implements AdminDesk {
    private final ApiClient api;
    private final Views.LoginResponse session;

    RemoteAdminDesk(ApiClient api, Views.LoginResponse session) {
        this.api = api;
        this.session = session;
    }

    @Override
    public CompletableFuture<CallReport> callReport(ReportRequest q) {
        return api.getJson(session, ApiClient.query("api/reports/calls", q.params()), new TypeReference<CallReport>() {});
    }

    @Override
    public CompletableFuture<byte[]> export(ReportRequest q, String format, String table) {
        Map<String, String> p = new LinkedHashMap<>(q.params());
        p.put("format", format);
        if ("csv".equals(format)) p.put("table", table);
        return api.getBytes(session, ApiClient.query("api/reports/calls", p));
    }

    @Override
    public CompletableFuture<List<CallReport.AbandonedCaller>> abandoned() {
        return api.getJson(session, "api/reports/abandoned", new TypeReference<List<CallReport.AbandonedCaller>>() {});
    }

    @Override
    public CompletableFuture<Void> callBack(String callId) {
        return api.sendJson(session, "POST", "api/reports/abandoned/" + enc(callId) + "/callback", null, null);
    }

    @Override
    public CompletableFuture<List<AdminViews.Outage>> outages() {
        return api.getJson(session, "api/admin/outages", new TypeReference<List<AdminViews.Outage>>() {});
    }

    @Override
    public CompletableFuture<List<String>> outageAreas() {
        return api.getJson(session, "api/admin/outage-areas", new TypeReference<List<String>>() {});
    }

    @Override
    public CompletableFuture<AdminViews.Outage> reportOutage(AdminViews.NewOutage outage) {
        return api.sendJson(session, "POST", "api/admin/outages", outage, new TypeReference<AdminViews.Outage>() {});
    }

    @Override
    public CompletableFuture<Void> extendOutage(long id, Instant expectedEnd) {
        return api.sendJson(session, "POST", "api/admin/outages/" + id + "/extend", new AdminViews.Extension(expectedEnd), null);
    }

    @Override
    public CompletableFuture<Void> resolveOutage(long id) {
        return api.sendJson(session, "POST", "api/admin/outages/" + id + "/resolve", null, null);
    }

    @Override
    public CompletableFuture<List<Views.KbArticleText>> articles(String language, boolean retired) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("language", language);
        if (retired) p.put("retired", "true");
        return api.getJson(session, ApiClient.query("api/admin/kb", p), new TypeReference<List<Views.KbArticleText>>() {});
    }

    @Override
    public CompletableFuture<Views.KbArticleText> createArticle(AdminViews.KbDraft draft) {
        return api.sendJson(session, "POST", "api/admin/kb", draft, new TypeReference<Views.KbArticleText>() {});
    }

    @Override
    public CompletableFuture<Views.KbArticleText> editArticle(long id, AdminViews.KbDraft draft) {
        return api.sendJson(session, "PUT", "api/admin/kb/" + id, draft, new TypeReference<Views.KbArticleText>() {});
    }

    @Override
    public CompletableFuture<Void> retireArticle(long id) {
        return api.sendJson(session, "POST", "api/admin/kb/" + id + "/retire", null, null);
    }

    @Override
    public CompletableFuture<List<Views.CustomerCard>> findCustomers(String query) {
        return api.searchCustomers(session, query);
    }

    @Override
    public CompletableFuture<AdminViews.Done> resetPin(long customerId) {
        return api.sendJson(session, "POST", "api/admin/customers/" + customerId + "/pin-reset", null,
                new TypeReference<AdminViews.Done>() {});
    }

    @Override
    public CompletableFuture<AdminViews.Done> deactivate(long customerId) {
        return api.sendJson(session, "POST", "api/admin/customers/" + customerId + "/deactivate", null,
                new TypeReference<AdminViews.Done>() {});
    }

    @Override
    public CompletableFuture<AdminViews.OnDuty> onDuty() {
        return api.getJson(session, "api/admin/on-duty", new TypeReference<AdminViews.OnDuty>() {});
    }

    @Override
    public CompletableFuture<AdminViews.OnDuty> saveOnDuty(AdminViews.RotaEdit rota) {
        return api.sendJson(session, "PUT", "api/admin/on-duty", rota, new TypeReference<AdminViews.OnDuty>() {});
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
