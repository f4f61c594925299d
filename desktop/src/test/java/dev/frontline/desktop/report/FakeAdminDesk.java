package dev.frontline.desktop.report;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.core.report.CallReport;
import dev.frontline.core.report.ReportQuery;
import dev.frontline.desktop.net.AdminDesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A hand-written {@link AdminDesk} answering at once with a day of a small desk; records what it was asked. */
final class FakeAdminDesk implements AdminDesk {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    final List<String> asked = new ArrayList<>();

    static CallReport report() {
        ReportQuery q = new ReportQuery(DAY, DAY, VILNIUS, ReportQuery.Interval.HOUR, ReportQuery.Breakdown.NONE);
        List<CallReport.Row> rows = new ArrayList<>();
        for (int h = 8; h < 18; h++) {
            Instant start = DAY.atTime(h, 0).atZone(VILNIUS).toInstant();
            long calls = 20 + (h * 7) % 13;
            rows.add(new CallReport.Row(start, null, calls, calls - 4, calls - 6, 2, 41.0, 4, 0.82, 18.0, 251.0, 95));
        }
        return new CallReport(q, 30, rows, Map.of("contract-number", 12L),
                new CallReport.Callbacks(9, 6, 1, 2), new CallReport.Ratings(new long[] {1, 2, 5, 14, 22}, 4.2, 0.5),
                new CallReport.Transfers(180, 26, 4, 1),
                List.of(new CallReport.OperatorTime("rasa", Map.of("TALKING", 14_400L, "READY", 5_400L, "WRAP_UP", 2_700L,
                        "BREAK", 3_600L), Map.of("lunch", 2_700L, "coffee", 900L)),
                        new CallReport.OperatorTime("jonas", Map.of("TALKING", 12_000L, "READY", 7_200L, "WRAP_UP", 2_100L),
                                Map.of())),
                List.of(abandonedCaller()),
                List.of(new CallReport.TicketLine("line1", 300, 40, 38, 35, 1, 44.0, 900L, 30, 28, 610.0),
                        new CallReport.TicketLine("line2", 600, 9, 8, 6, 1, 320.0, 1800L, 5, 4, 5400.0),
                        new CallReport.TicketLine("line3", 86_400, 3, 3, 3, 0, 7200.0, 9000L, 1, 1, 60_000.0)),
                new CallReport.FirstContact(7, 150, 120, 96, 30, 0.8));
    }

    static CallReport.AbandonedCaller abandonedCaller() {
        Instant at = DAY.atTime(10, 12).atZone(VILNIUS).toInstant();
        return new CallReport.AbandonedCaller("sim-77", "+37061234567", at, at.plusSeconds(95), 95, "technical", "lt");
    }

    private static <T> CompletableFuture<T> done(T v) {
        return CompletableFuture.completedFuture(v);
    }

    @Override public CompletableFuture<CallReport> callReport(ReportRequest q) { asked.add("report " + q); return done(report()); }
    @Override public CompletableFuture<byte[]> export(ReportRequest q, String format, String table) {
        asked.add("export " + format + " " + table);
        return done(("interval_start,key\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    @Override public CompletableFuture<List<CallReport.AbandonedCaller>> abandoned() { return done(List.of(abandonedCaller())); }
    @Override public CompletableFuture<Void> callBack(String callId) { asked.add("callback " + callId); return done(null); }
    @Override public CompletableFuture<List<AdminViews.Outage>> outages() {
        return done(List.of(new AdminViews.Outage(3, "Kaunas", "internet, tv: A fibre cable is damaged near the depot.",
                Instant.parse("2026-12-04T08:00:00Z"), Instant.parse("2026-12-04T14:00:00Z"))));
    }
    /** What {@link #outageAreas} answers. */
    public List<String> areas = List.of("Kaunas", "Kaunas-East", "Vilnius-North");
    @Override public CompletableFuture<List<String>> outageAreas() { return done(areas); }
    @Override public CompletableFuture<AdminViews.Outage> reportOutage(AdminViews.NewOutage o) {
        asked.add("outage " + o);
        return CompletableFuture.failedFuture(new dev.frontline.desktop.net.ApiException(400, "area: unknown area",
                Map.of("area", "unknown area '" + o.area() + "': one of [Kaunas, Vilnius-North]")));
    }
    @Override public CompletableFuture<Void> extendOutage(long id, Instant end) { asked.add("extend " + id); return done(null); }
    @Override public CompletableFuture<Void> resolveOutage(long id) { asked.add("resolve " + id); return done(null); }
    @Override public CompletableFuture<List<Views.KbArticleText>> articles(String language, boolean retired) {
        return done(List.of(new Views.KbArticleText(1, "lt", "Maršrutizatoriaus perkrovimas", "Išjunkite 30 s.", "router", null,
                        kbVersion, kbChangedBy, kbChangedAt),
                new Views.KbArticleText(2, "en", "No TV signal", "Check the HDMI input.", "tv", null)));
    }
    /** Article 1's version and last change; an edit of an older version is 409, as the server answers. */
    long kbVersion = 0;
    String kbChangedBy = "sue";
    Instant kbChangedAt = Instant.parse("2026-12-04T16:00:00Z");
    @Override public CompletableFuture<Views.KbArticleText> createArticle(AdminViews.KbDraft d) {
        return done(new Views.KbArticleText(3, d.language(), d.title(), d.body(), d.tags(), null));
    }
    @Override public CompletableFuture<Views.KbArticleText> editArticle(long id, AdminViews.KbDraft d) {
        asked.add("edit article " + id + " at version " + d.version());
        if (id == 1 && d.version() != null && d.version() != kbVersion) {
            return CompletableFuture.failedFuture(new dev.frontline.desktop.net.ApiException(409,
                    "article 1 was changed by " + kbChangedBy + " after you read it: reload it"));
        }
        return done(new Views.KbArticleText(id, d.language(), d.title(), d.body(), d.tags(), null));
    }
    @Override public CompletableFuture<Void> retireArticle(long id) { return done(null); }
    @Override public CompletableFuture<List<Views.CustomerCard>> findCustomers(String query) {
        return done(List.of(new Views.CustomerCard(42, "10000001", "Ona Onaitė", "+37061111111", List.of(), "",
                "Laisvės al. 1", "Kaunas", "Fiber 300", List.of("internet"), "active", "lt")));
    }
    @Override public CompletableFuture<AdminViews.Done> resetPin(long id) { return done(new AdminViews.Done(id, "sent")); }
    @Override public CompletableFuture<AdminViews.Done> deactivate(long id) {
        asked.add("deactivate " + id);
        return done(new AdminViews.Done(id, "closed"));
    }
    @Override public CompletableFuture<AdminViews.OnDuty> onDuty() {
        return done(new AdminViews.OnDuty("Europe/Vilnius", Instant.now(), List.of("tomas"), List.of(
                new AdminViews.Shift("tomas", "+37061234567", "MONDAY", "20:00", "24:00"),
                new AdminViews.Shift("ieva", "+37061234568", "SUNDAY", "00:00", "24:00")), rows, rotaVersion,
                rotaChangedBy, rotaChangedAt));
    }
    /** The rota's version and last save, counted up by every save as the server does. */
    long rotaVersion = 1;
    String rotaChangedBy = "sue";
    Instant rotaChangedAt = Instant.parse("2026-12-04T16:00:00Z");

    /** Another supervisor saves {@code newRows} (the version counts up; a save of the older one is then 409). */
    void someoneSavesTheRota(String who, Instant at, List<AdminViews.RotaRow> newRows) {
        rows = List.copyOf(newRows);
        rotaVersion++;
        rotaChangedBy = who;
        rotaChangedAt = at;
    }
    /**
     * Saves the rota as the server would, or refuses it as the server does: a mobile not starting with "+" is named
     * by its field ({@code shifts[1].mobile}), an empty rota by {@code shifts}.
     */
    @Override public CompletableFuture<AdminViews.OnDuty> saveOnDuty(AdminViews.RotaEdit edit) {
        asked.add("save rota " + edit.shifts().size());
        Map<String, String> wrong = new java.util.LinkedHashMap<>();
        if (edit.shifts().isEmpty()) wrong.put("shifts", "the rota lists no one");
        for (int i = 0; i < edit.shifts().size(); i++) {
            String m = edit.shifts().get(i).mobile();
            if (m == null || !m.startsWith("+")) wrong.put("shifts[" + i + "].mobile", "'" + m + "' is not a valid mobile number");
        }
        if (!wrong.isEmpty()) {
            return CompletableFuture.failedFuture(new dev.frontline.desktop.net.ApiException(400,
                    wrong.entrySet().iterator().next().getKey() + ": invalid", wrong));
        }
        if (edit.version() != null && edit.version() != rotaVersion) {
            return CompletableFuture.failedFuture(new dev.frontline.desktop.net.ApiException(409,
                    "the rota was changed by " + rotaChangedBy + " after you read it: reload it"));
        }
        someoneSavesTheRota("marek", Instant.parse("2026-12-04T17:00:00Z"), edit.shifts());
        return onDuty();
    }
    /** The rota rows {@link #onDuty} answers; what {@link #saveOnDuty} saved replaces them. */
    public List<AdminViews.RotaRow> rows = List.of(
            new AdminViews.RotaRow("tomas", "+37061234567", "mon", "20:00", "24:00"),
            new AdminViews.RotaRow("ieva", "+37061234568", "sun", "00:00", "24:00"));
}
