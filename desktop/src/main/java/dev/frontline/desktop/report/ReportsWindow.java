package dev.frontline.desktop.report;

import atlantafx.base.theme.Styles;
import dev.frontline.core.report.CallReport;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A supervisor's Reports window: the period, interval and breakdown on top; tabs with the call report as a chart and
 * a table, ticket times and first-contact resolution, ratings, operator time by state, and today's abandoned callers
 * with <em>Call back</em> per row; <em>Export CSV</em> / <em>PDF</em> save the server's file where the supervisor
 * chooses. One per supervisor desk. UI thread only.
 */
public final class ReportsWindow {
    private final ReportsViewModel vm;
    private final I18n i18n;
    private final String stylesheet;
    private final BiFunction<Window, String, Path> saveAs;
    private Stage stage;

    /** @param saveAs asks where to save a file of the suggested name; null when the supervisor cancels */
    public ReportsWindow(ReportsViewModel vm, I18n i18n, String stylesheet, BiFunction<Window, String, Path> saveAs) {
        this.vm = vm;
        this.i18n = i18n;
        this.stylesheet = stylesheet;
        this.saveAs = saveAs;
    }

    /** The platform's save dialog. */
    public static Path fileChooser(Window owner, String suggested) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(suggested);
        java.io.File f = fc.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** Shows the window (reading today's report the first time). */
    public Stage show() {
        if (stage == null) {
            stage = build();
            vm.show();
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    public void close() {
        if (stage != null) stage.hide();
    }

    private Stage build() {
        BorderPane root = new BorderPane();
        root.setTop(toolbar());
        TabPane tabs = new TabPane(
                tab("reports-tab-calls", i18n.t("reports.tab.calls"), calls()),
                tab("reports-tab-tickets", i18n.t("reports.tab.tickets"), tickets()),
                tab("reports-tab-ratings", i18n.t("reports.tab.ratings"), ratings()),
                tab("reports-tab-operators", i18n.t("reports.tab.operators"), operators()),
                tab("reports-tab-abandoned", i18n.t("reports.tab.abandoned"), abandoned()));
        tabs.setId("reports-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        this.tabs = tabs;
        root.setCenter(tabs);
        Label message = Ui.label("", Styles.TEXT_SMALL);
        message.setId("reports-message");
        message.setWrapText(true);
        vm.saidProperty().addListener((o, a, s) -> show(message, s));
        root.setBottom(Ui.padded(new VBox(message), 8));
        Scene scene = new Scene(root, 1180, 700);
        scene.getStylesheets().add(stylesheet);
        Stage s = new Stage();
        s.setTitle("Frontline — " + i18n.t("reports.title"));
        s.setScene(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::show);
        s.setOnHidden(e -> stage = null);
        return s;
    }

    private TabPane tabs;

    private void show(Label message, Said s) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        if (s == null) {
            message.setText("");
            return;
        }
        message.setText(i18n.has(s.key()) ? i18n.t(s.key(), s.args()) : s.key());
        message.getStyleClass().add(s.error() ? Styles.DANGER : Styles.SUCCESS);
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private Node toolbar() {
        ChoiceBox<String> period = choice("reports-period", ReportsViewModel.PERIODS, "reports.period.");
        period.valueProperty().bindBidirectional(vm.periodProperty());
        DatePicker from = new DatePicker();
        from.setId("reports-from");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("reports-to");
        to.valueProperty().bindBidirectional(vm.toProperty());
        for (DatePicker d : List.of(from, to)) {
            d.setPrefWidth(130);
            d.visibleProperty().bind(vm.periodProperty().isEqualTo("custom"));
            d.managedProperty().bind(d.visibleProperty());
        }
        Label dash = Ui.label("–");
        dash.visibleProperty().bind(from.visibleProperty());
        dash.managedProperty().bind(dash.visibleProperty());
        ChoiceBox<String> interval = choice("reports-interval", ReportsViewModel.INTERVALS, "reports.interval.");
        interval.valueProperty().bindBidirectional(vm.intervalProperty());
        ChoiceBox<String> by = choice("reports-by", ReportsViewModel.BREAKDOWNS, "reports.by.");
        by.valueProperty().bindBidirectional(vm.byProperty());
        Button show = Ui.button(i18n.t("reports.show"), vm::show, Styles.ACCENT);
        show.setId("reports-show");
        show.setDefaultButton(true);
        Ui.shortcut(show, i18n.t("reports.show"), new KeyCodeCombination(KeyCode.F5));
        Button csv = Ui.button(i18n.t("reports.export.csv"), () -> export("csv"), Styles.BUTTON_OUTLINED);
        csv.setId("reports-csv");
        Button pdf = Ui.button(i18n.t("reports.export.pdf"), () -> export("pdf"), Styles.BUTTON_OUTLINED);
        pdf.setId("reports-pdf");
        for (Button b : List.of(show, csv, pdf)) b.disableProperty().bind(vm.busyProperty());
        FlowPane bar = new FlowPane(8, 8,
                Ui.label(i18n.t("reports.period")), period, from, dash, to,
                Ui.label(i18n.t("reports.interval")), interval,
                Ui.label(i18n.t("reports.by")), by, show, csv, pdf);
        bar.setPadding(new Insets(10, 12, 6, 12));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("state-bar");
        return bar;
    }

    /** CSV of the table the open tab shows (calls, or ticket times), or the whole report as PDF. */
    private void export(String format) {
        String table = tabs != null && "reports-tab-tickets".equals(tabs.getSelectionModel().getSelectedItem().getId())
                ? "tickets" : "rows";
        Path file = saveAs.apply(stage, vm.suggestedName(format, table));
        if (file != null) vm.export(format, table, file);
    }

    private ChoiceBox<String> choice(String id, List<String> codes, String prefix) {
        ChoiceBox<String> c = new ChoiceBox<>();
        c.getItems().setAll(codes);
        c.setId(id);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return code == null ? "" : i18n.t(prefix + code);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        return c;
    }

    // --- calls ---

    private Node calls() {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        StackedBarChart<String, Number> chart = new StackedBarChart<>(x, y);
        chart.setId("reports-calls-chart");
        chart.setAnimated(false);
        chart.setTitle(i18n.t("reports.chart.calls"));
        chart.setPrefHeight(260);
        chart.setMinHeight(200);
        TableView<CallReport.Row> table = new TableView<>();
        table.setId("reports-rows");
        table.setPlaceholder(Ui.placeholder(i18n.t("reports.none")));
        table.getColumns().add(column(i18n.t("reports.col.interval"), 110, r -> when(r.start())));
        // always shown (a column made visible later drew its cells off their line): "All together" without a breakdown
        table.getColumns().add(column(i18n.t("reports.col.key"), 170, r -> keyLabel(r.key())));
        table.getColumns().add(column(i18n.t("reports.col.calls"), 70, r -> Long.toString(r.calls())));
        table.getColumns().add(column(i18n.t("reports.col.offered"), 80, r -> Long.toString(r.offered())));
        table.getColumns().add(column(i18n.t("reports.col.answered"), 90, r -> Long.toString(r.answered())));
        table.getColumns().add(column(i18n.t("reports.col.abandoned"), 90, r -> Long.toString(r.abandoned())));
        table.getColumns().add(column(i18n.t("reports.col.selfServed"), 90, r -> Long.toString(r.selfServed())));
        table.getColumns().add(column(i18n.t("reports.col.sl"), 90, r -> share(r.serviceLevel())));
        table.getColumns().add(column(i18n.t("reports.col.asa"), 70, r -> seconds(r.asa())));
        table.getColumns().add(column(i18n.t("reports.col.aht"), 70, r -> seconds(r.aht())));
        table.getColumns().add(column(i18n.t("reports.col.longest"), 100, r -> I18n.clock(r.longestWait())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label summary = Ui.label("", Styles.TEXT_SMALL);
        summary.setId("reports-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Label.USE_PREF_SIZE);
        vm.reportProperty().addListener((o, a, r) -> {
            table.getItems().setAll(r == null ? List.of() : r.rows());
            chart.getData().setAll(callSeries(r));
            summary.setText(r == null ? "" : summary(r));
        });
        return Ui.padded(new VBox(8, chart, summary, table), 8);
    }

    private List<XYChart.Series<String, Number>> callSeries(CallReport r) {
        XYChart.Series<String, Number> answered = new XYChart.Series<>();
        answered.setName(i18n.t("reports.col.answered"));
        XYChart.Series<String, Number> abandoned = new XYChart.Series<>();
        abandoned.setName(i18n.t("reports.col.abandoned"));
        XYChart.Series<String, Number> other = new XYChart.Series<>();
        other.setName(i18n.t("reports.chart.other"));
        if (r != null) {
            for (CallReport.Row row : r.rows()) {
                String cat = when(row.start()) + (r.query().by() == dev.frontline.core.report.ReportQuery.Breakdown.NONE
                        ? "" : " · " + keyLabel(row.key()));
                answered.getData().add(new XYChart.Data<>(cat, row.answered()));
                abandoned.getData().add(new XYChart.Data<>(cat, row.abandoned()));
                other.getData().add(new XYChart.Data<>(cat, Math.max(0, row.calls() - row.answered() - row.abandoned())));
            }
        }
        return List.of(answered, abandoned, other);
    }

    private String summary(CallReport r) {
        CallReport.Callbacks c = r.callbacks();
        CallReport.Transfers t = r.transfers();
        return i18n.t("reports.summary.callbacks", c.requested(), c.done(), c.failed(), c.pending()) + "   ·   "
                + i18n.t("reports.summary.transfers", t.line1Answered(), t.line1To2(),
                share(t.line1Answered() == 0 ? null : (double) t.line1To2() / t.line1Answered()), t.line2To3());
    }

    // --- tickets and first contact ---

    private Node tickets() {
        TableView<CallReport.TicketLine> table = new TableView<>();
        table.setId("reports-tickets");
        table.setPlaceholder(Ui.placeholder(i18n.t("reports.none")));
        table.getColumns().add(column(i18n.t("reports.col.line"), 80, l -> i18n.label("tier", l.line())));
        table.getColumns().add(column(i18n.t("reports.col.target"), 80, l -> i18n.span(Duration.ofSeconds(l.targetSeconds()))));
        table.getColumns().add(column(i18n.t("reports.col.reached"), 80, l -> Long.toString(l.reached())));
        table.getColumns().add(column(i18n.t("reports.col.answeredInTarget"), 130,
                l -> l.answeredWithinTarget() + " / " + l.answered()));
        table.getColumns().add(column(i18n.t("reports.col.unansweredLate"), 130, l -> Long.toString(l.unansweredPastTarget())));
        table.getColumns().add(column(i18n.t("reports.col.firstAnswer"), 120, l -> seconds(l.avgFirstAnswer())));
        table.getColumns().add(column(i18n.t("reports.col.resolvedInTarget"), 130,
                l -> l.resolvedWithinTarget() + " / " + l.resolved()));
        table.getColumns().add(column(i18n.t("reports.col.resolution"), 120, l -> seconds(l.avgResolution())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(34);
        table.setPrefHeight(34 * 3 + 44); // the three lines and the header, whole
        table.setMinHeight(table.getPrefHeight());
        Label fcr = Ui.label("", Styles.TITLE_4);
        fcr.setId("reports-fcr");
        fcr.setWrapText(true);
        fcr.setMinHeight(Label.USE_PREF_SIZE);
        Label fcrHow = Ui.label("", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        fcrHow.setWrapText(true);
        fcrHow.setMinHeight(Label.USE_PREF_SIZE);
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("reports-tickets-chart");
        chart.setAnimated(false);
        chart.setTitle(i18n.t("reports.chart.tickets"));
        VBox.setVgrow(chart, Priority.ALWAYS);
        vm.reportProperty().addListener((o, a, r) -> {
            table.getItems().setAll(r == null ? List.of() : r.tickets());
            XYChart.Series<String, Number> inTarget = new XYChart.Series<>();
            inTarget.setName(i18n.t("reports.col.answeredInTarget"));
            XYChart.Series<String, Number> late = new XYChart.Series<>();
            late.setName(i18n.t("reports.col.unansweredLate"));
            XYChart.Series<String, Number> resolved = new XYChart.Series<>();
            resolved.setName(i18n.t("reports.col.resolvedInTarget"));
            if (r != null) {
                for (CallReport.TicketLine l : r.tickets()) {
                    String line = i18n.label("tier", l.line());
                    inTarget.getData().add(new XYChart.Data<>(line, l.answeredWithinTarget()));
                    late.getData().add(new XYChart.Data<>(line, l.unansweredPastTarget()));
                    resolved.getData().add(new XYChart.Data<>(line, l.resolvedWithinTarget()));
                }
            }
            chart.getData().setAll(List.of(inTarget, late, resolved));
            CallReport.FirstContact f = r == null ? null : r.firstContact();
            fcr.setText(f == null ? "" : i18n.t("reports.fcr", f.rate() == null ? "—" : share(f.rate()), f.resolved(),
                    f.judged(), f.pending()));
            fcrHow.setText(f == null ? "" : i18n.t("reports.fcr.how", f.days()));
        });
        return Ui.padded(new VBox(8, fcr, fcrHow, table, chart), 8);
    }

    // --- ratings ---

    private Node ratings() {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("reports-ratings-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle(i18n.t("reports.chart.ratings"));
        VBox.setVgrow(chart, Priority.ALWAYS);
        Label avg = Ui.label("", Styles.TITLE_4);
        avg.setId("reports-rating");
        vm.reportProperty().addListener((o, a, r) -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            long n = 0;
            if (r != null && r.ratings() != null) {
                long[] counts = r.ratings().counts();
                for (int i = 0; i < counts.length; i++) {
                    s.getData().add(new XYChart.Data<>(Integer.toString(i + 1), counts[i]));
                    n += counts[i];
                }
            }
            chart.getData().setAll(List.of(s));
            Double average = r == null || r.ratings() == null ? null : r.ratings().average();
            avg.setText(average == null ? i18n.t("reports.rating.none")
                    : i18n.t("reports.rating", i18n.oneDecimal(average), n, share(r.ratings().shareOfFives())));
        });
        return Ui.padded(new VBox(8, avg, chart), 8);
    }

    // --- operator time ---

    private Node operators() {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel(i18n.t("reports.chart.minutes"));
        StackedBarChart<String, Number> chart = new StackedBarChart<>(x, y);
        chart.setId("reports-operators-chart");
        chart.setAnimated(false);
        chart.setTitle(i18n.t("reports.chart.operators"));
        VBox.setVgrow(chart, Priority.ALWAYS);
        TableView<String[]> breaks = new TableView<>();
        breaks.setId("reports-breaks");
        breaks.setPlaceholder(Ui.placeholder(i18n.t("reports.breaks.none")));
        breaks.getColumns().add(arrayColumn(i18n.t("sup.op.name"), 0));
        breaks.getColumns().add(arrayColumn(i18n.t("reports.col.break"), 1));
        breaks.getColumns().add(arrayColumn(i18n.t("reports.col.time"), 2));
        breaks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        breaks.setPrefHeight(150);
        vm.reportProperty().addListener((o, a, r) -> {
            List<CallReport.OperatorTime> ops = r == null ? List.of() : r.operatorTime();
            TreeSet<String> states = new TreeSet<>();
            ops.forEach(op -> states.addAll(op.byState().keySet()));
            List<XYChart.Series<String, Number>> series = new ArrayList<>();
            for (String state : states) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(i18n.label("state", state));
                for (CallReport.OperatorTime op : ops) {
                    s.getData().add(new XYChart.Data<>(op.operator(), op.byState().getOrDefault(state, 0L) / 60.0));
                }
                series.add(s);
            }
            chart.getData().setAll(series);
            List<String[]> rows = new ArrayList<>();
            for (CallReport.OperatorTime op : ops) {
                for (Map.Entry<String, Long> b : op.breakByReason().entrySet()) {
                    rows.add(new String[] {op.operator(), i18n.label("break", b.getKey()), I18n.clock(b.getValue())});
                }
            }
            breaks.getItems().setAll(rows);
        });
        return Ui.padded(new VBox(8, chart, Ui.label(i18n.t("reports.breaks"), Styles.TEXT_BOLD), breaks), 8);
    }

    // --- abandoned ---

    private Node abandoned() {
        TableView<CallReport.AbandonedCaller> table = new TableView<>(vm.abandoned());
        table.setId("reports-abandoned");
        table.setPlaceholder(Ui.placeholder(i18n.t("reports.abandoned.none")));
        table.getColumns().add(column(i18n.t("reports.col.number"), 140, CallReport.AbandonedCaller::number));
        table.getColumns().add(column(i18n.t("reports.col.queuedAt"), 90, c -> I18n.hoursMinutes(c.queuedAt(),
                deskZone())));
        table.getColumns().add(column(i18n.t("reports.col.waited"), 80, c -> I18n.clock(c.waited())));
        table.getColumns().add(column(i18n.t("reports.col.queue"), 150, c -> i18n.label("intent", c.intent())));
        table.getColumns().add(column(i18n.t("reports.col.language"), 80, c -> c.language() == null ? "" : c.language()));
        TableColumn<CallReport.AbandonedCaller, CallReport.AbandonedCaller> act = new TableColumn<>("");
        act.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        act.setCellFactory(c -> new TableCell<>() {
            private final Button call = Ui.button(i18n.t("reports.callback"), () -> vm.callBack(getItem()), Styles.ACCENT,
                    Styles.SMALL);

            @Override
            protected void updateItem(CallReport.AbandonedCaller item, boolean empty) {
                super.updateItem(item, empty);
                call.setId(item == null ? null : "callback-" + item.callId());
                setGraphic(empty || item == null ? null : call);
            }
        });
        act.setMinWidth(140);
        act.setSortable(false);
        table.getColumns().add(act);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label hint = Ui.label(i18n.t("reports.abandoned.hint"), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        Button refresh = Ui.button(i18n.t("cb.refresh"), vm::readAbandoned, Styles.FLAT);
        return Ui.padded(new VBox(8, Ui.row(8, hint, Ui.grow(), refresh), table), 8);
    }

    // --- formatting ---

    private String when(Instant start) {
        CallReport r = vm.reportProperty().get();
        if (r == null || start == null) return "";
        ZoneId zone = r.query().zone();
        return switch (r.query().interval()) {
            case TOTAL -> r.query().from().equals(r.query().to()) ? r.query().from().toString()
                    : r.query().from() + " – " + r.query().to();
            case DAY -> DateTimeFormatter.ISO_LOCAL_DATE.format(start.atZone(zone));
            default -> (r.query().from().equals(r.query().to()) ? "" : DateTimeFormatter.ofPattern("MM-dd ")
                    .format(start.atZone(zone))) + I18n.hoursMinutes(start, zone);
        };
    }

    /** The desk's zone as the last report gave it (its days and intervals), else this machine's. */
    private ZoneId deskZone() {
        CallReport r = vm.reportProperty().get();
        return r == null ? ZoneId.systemDefault() : r.query().zone();
    }

    private String keyLabel(String key) {
        CallReport r = vm.reportProperty().get();
        if (r != null && r.query().by() == dev.frontline.core.report.ReportQuery.Breakdown.NONE) {
            return i18n.t("reports.by.none");
        }
        if (key == null || key.isBlank() || r == null) return key == null || key.isBlank() ? "—" : key; // e.g. no queue yet
        return switch (r.query().by()) { // the breakdown the report was made with, not the one chosen since
            case QUEUE -> i18n.label("intent", key);
            case LINE -> i18n.label("tier", key);
            default -> key;
        };
    }

    private String share(Double v) {
        return v == null ? "—" : i18n.percent(v * 100);
    }

    private static String seconds(Double s) {
        return s == null ? "—" : I18n.clock(Math.round(s));
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return Columns.of(title, width, value);
    }

    private static TableColumn<String[], String> arrayColumn(String title, int i) {
        return column(title, 140, a -> a[i]);
    }

    /** For tests: the window's scene root, once shown. */
    Node root() {
        return stage == null ? null : stage.getScene().getRoot();
    }

    static KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    }
}
