package dev.frontline.desktop.report;

import dev.frontline.core.report.CallReport;
import dev.frontline.desktop.net.AdminDesk;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The supervisor's Reports window: a period (today, yesterday, this week, this month, or from..to), the interval and
 * the breakdown; the server's call report for it (calls, ticket times, first-contact resolution, ratings, operator
 * time), exported as the server's CSV or PDF; today's abandoned callers with a callback each. Days are the desk's:
 * "yesterday" is the day before the desk's today, in the zone the server's first report names. UI thread only.
 */
public final class ReportsViewModel {
    /** The periods offered, as shown in the period box (the codes are translated by the view). */
    public static final List<String> PERIODS = List.of("today", "yesterday", "week", "month", "custom");
    public static final List<String> INTERVALS = List.of("15min", "hour", "day", "total");
    public static final List<String> BREAKDOWNS = List.of("none", "queue", "line", "language", "operator");

    private final AdminDesk desk;
    private final Clock clock;
    private final StringProperty period = new SimpleStringProperty("today");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty interval = new SimpleStringProperty("hour");
    private final StringProperty by = new SimpleStringProperty("none");
    private final ReadOnlyObjectWrapper<CallReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CallReport.AbandonedCaller> abandoned = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Said> said = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The desk's time zone, as the server's last report named it; null before the first. */
    private java.time.ZoneId deskZone;

    public ReportsViewModel(AdminDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
        LocalDate today = LocalDate.now(clock);
        from.set(today.withDayOfMonth(1));
        to.set(today);
    }

    public StringProperty periodProperty() { return period; }
    /** The first day of a custom period. */
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    /** The last day (inclusive) of a custom period. */
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public StringProperty intervalProperty() { return interval; }
    public StringProperty byProperty() { return by; }
    /** The report last shown; null before the first. */
    public ReadOnlyObjectProperty<CallReport> reportProperty() { return report.getReadOnlyProperty(); }
    /** Today's callers who hung up waiting and were not answered or called back since. */
    public ObservableList<CallReport.AbandonedCaller> abandoned() { return abandoned; }
    /** What happened last (shown, saved, called back) or why it was refused; null before anything. */
    public ReadOnlyObjectProperty<Said> saidProperty() { return said.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** What the server is asked for; null (with the reason said) when a custom period lacks its days. */
    AdminDesk.ReportRequest request() {
        LocalDate today = today();
        return switch (period.get()) {
            case "yesterday" -> new AdminDesk.ReportRequest("day", today.minusDays(1), null, null, interval.get(), by.get());
            case "week", "month" -> new AdminDesk.ReportRequest(period.get(), null, null, null, interval.get(), by.get());
            case "custom" -> {
                if (from.get() == null || to.get() == null) {
                    said.set(Said.error("reports.custom.days"));
                    yield null;
                }
                yield new AdminDesk.ReportRequest(null, null, from.get(), to.get(), interval.get(), by.get());
            }
            default -> new AdminDesk.ReportRequest("day", null, null, null, interval.get(), by.get());
        };
    }

    /** The desk's today once a report named its zone (the server's days), else this machine's. */
    private LocalDate today() {
        return LocalDate.now(deskZone == null ? clock : clock.withZone(deskZone));
    }

    /** Reads the report of the chosen period, and today's abandoned callers. */
    public void show() {
        AdminDesk.ReportRequest q = request();
        if (q == null) return;
        busy.set(true);
        desk.callReport(q).whenComplete((r, e) -> {
            busy.set(false);
            if (e != null) {
                said.set(Said.error(dev.frontline.desktop.net.ApiException.messageOf(e)));
                return;
            }
            deskZone = r.query().zone();
            report.set(r);
            long calls = r.rows().stream().mapToLong(CallReport.Row::calls).sum();
            said.set(Said.ok("reports.shown", r.query().from().toString(), r.query().to().toString(), calls));
        });
        readAbandoned();
    }

    public void readAbandoned() {
        desk.abandoned().whenComplete((list, e) -> {
            if (e != null) said.set(Said.error(dev.frontline.desktop.net.ApiException.messageOf(e)));
            else abandoned.setAll(list);
        });
    }

    /**
     * Saves the server's file of the chosen period ({@code csv} of {@code table}, or {@code pdf}) to {@code file};
     * nothing is written when the server refuses.
     */
    public void export(String format, String table, Path file) {
        AdminDesk.ReportRequest q = request();
        if (q == null || file == null) return;
        busy.set(true);
        desk.export(q, format, table).whenComplete((bytes, e) -> {
            busy.set(false);
            if (e != null) {
                said.set(Said.error(dev.frontline.desktop.net.ApiException.messageOf(e)));
                return;
            }
            try {
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".frontline-", ".part");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException notHere) {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                said.set(Said.ok("reports.saved", file.getFileName().toString(), bytes.length));
            } catch (IOException io) {
                said.set(Said.error(io.getMessage() == null ? io.toString() : "cannot save " + file + ": " + io.getMessage()));
            }
        });
    }

    /** The file name the server would suggest, for the save dialog. */
    public String suggestedName(String format, String table) {
        LocalDate today = today();
        String base = "csv".equals(format) && !"rows".equals(table) ? table : "calls";
        return base + "-" + switch (period.get()) {
            case "yesterday" -> today.minusDays(1).toString();
            case "custom" -> from.get() + "-" + to.get();
            case "today" -> today.toString();
            default -> period.get() + "-" + today;
        } + "." + format;
    }

    /** A callback for {@code caller}, keeping their first place in line; the list is read again. */
    public void callBack(CallReport.AbandonedCaller caller) {
        desk.callBack(caller.callId()).whenComplete((v, e) -> {
            if (e != null) {
                said.set(Said.error(dev.frontline.desktop.net.ApiException.messageOf(e)));
            } else {
                said.set(Said.ok("reports.called-back", caller.number()));
            }
            readAbandoned();
        });
    }
}
