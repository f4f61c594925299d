package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Intent;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.StateBadge;
import dev.frontline.desktop.ui.Ui;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The wallboard: KPIs on top, a card per queue and tier, the day's chart, operators by state, alerts. */
public final class SupervisorView extends BorderPane {
    private final SupervisorViewModel vm;
    private final I18n i18n;
    private final Clock clock;
    private final FlowPane cards = new FlowPane(12, 12);
    /** The queue cards take at most this share of the width. */
    private static final double MAX_CARDS_SHARE = 0.67;
    /** Left of and around the cards: their pane's padding and a vertical scroll bar. */
    private static final double CARDS_CHROME = 36;
    /** The operators table's columns at their narrowest, whole (and the pane's padding): never less on the right. */
    private final double operatorsMinWidth;
    private final NumberAxis[] timeAxes = new NumberAxis[2];
    private final Label formUrl = Ui.label("", Styles.TEXT_SMALL);
    private static final double DEFAULT_CARD_WIDTH = 260;
    private final Map<String, QueueCard> cardByKey = new HashMap<>();
    private final TableView<Views.OperatorRow> operators;
    private final XYChart.Series<Number, Number> waitingSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> longestSeries = new XYChart.Series<>();
    private final Timeline ticker;

    /** @param openTickets shows the tickets window, with a ticket opened (its id) or none (null) */
    public SupervisorView(SupervisorViewModel vm, I18n i18n, Clock clock, Runnable openPhone,
                          java.util.function.Consumer<String> openTickets) {
        this.vm = vm;
        this.i18n = i18n;
        this.clock = clock;
        getStyleClass().add("supervisor-view");

        Label who = Ui.label("", Styles.TEXT_BOLD);
        who.textProperty().bind(vm.nameProperty());
        Label conn = Ui.label("", Styles.TEXT_SMALL);
        conn.textProperty().bind(Bindings.createStringBinding(() -> i18n.t("conn." + vm.connectionProperty().get()),
                vm.connectionProperty()));
        vm.connectionProperty().addListener((o, a, b) -> {
            conn.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            conn.getStyleClass().add("ONLINE".equals(b) ? Styles.SUCCESS : Styles.DANGER);
        });
        Button phone = Ui.button(i18n.t("sup.phone"), openPhone, Styles.BUTTON_OUTLINED);
        phone.setId("open-phone");
        Button tickets = Ui.button(i18n.t("tickets.window"), () -> openTickets.accept(null), Styles.BUTTON_OUTLINED);
        tickets.setId("open-tickets");
        // Ctrl+G: the Tickets window with its "Ticket #" field in focus (any ticket by number, closed ones too)
        Ui.shortcut(tickets, i18n.t("tickets.find"), TicketsWindow.FIND_KEYS);
        sceneProperty().addListener((o, was, sc) -> {
            if (was != null) was.getAccelerators().remove(TicketsWindow.FIND_KEYS);
            if (sc != null) sc.getAccelerators().put(TicketsWindow.FIND_KEYS, () -> openTickets.accept(null));
        });
        formUrl.setId("form-url");
        formUrl.setVisible(false);
        formUrl.managedProperty().bind(formUrl.visibleProperty());
        HBox header = Ui.row(10, Ui.label("Frontline", "brand-small"), Ui.label(i18n.t("sup.title"), Styles.TITLE_4),
                who, formUrl, Ui.grow(), rating(), conn, tickets, phone);
        this.header = header;
        header.getStyleClass().add("state-bar");

        HBox kpis = Ui.row(12,
                kpi("kpi-waiting", i18n.t("sup.kpi.waiting"), Bindings.convert(vm.waitingProperty())),
                kpi("kpi-longest", i18n.t("sup.kpi.longest"), Bindings.createStringBinding(
                        () -> I18n.clock(vm.longestWaitProperty().get()), vm.longestWaitProperty())),
                kpi("kpi-breached", i18n.t("sup.kpi.breached"), Bindings.convert(vm.breachedProperty())),
                kpi("kpi-callbacks", i18n.t("sup.kpi.callbacks"), Bindings.convert(vm.callbacksPendingProperty())),
                stateKpi(OperatorState.READY), stateKpi(OperatorState.TALKING), stateKpi(OperatorState.WRAP_UP),
                stateKpi(OperatorState.RINGING), stateKpi(OperatorState.MISSED), stateKpi(OperatorState.BREAK));
        kpis.setPadding(new Insets(10, 16, 6, 16));
        setTop(new VBox(header, kpis));

        vm.queues().addListener((ListChangeListener<Views.QueueStats>) c -> showQueues());
        cards.setPadding(new Insets(4, 0, 4, 0));

        NumberAxis x1 = timeAxis();
        timeAxes[0] = x1;
        NumberAxis y1 = new NumberAxis();
        y1.setTickLabelFormatter(new NumberAxis.DefaultFormatter(y1)); // the chart's title names the axis
        AreaChart<Number, Number> waitingChart = new AreaChart<>(x1, y1);
        waitingSeries.setName(i18n.t("sup.chart.waiting"));
        waitingChart.getData().add(waitingSeries);
        NumberAxis x2 = timeAxis();
        timeAxes[1] = x2;
        NumberAxis y2 = new NumberAxis();
        y2.setTickLabelFormatter(new NumberAxis.DefaultFormatter(y2));
        LineChart<Number, Number> waitChart = new LineChart<>(x2, y2);
        longestSeries.setName(i18n.t("sup.chart.longest"));
        waitChart.getData().add(longestSeries);
        waitingChart.setCreateSymbols(false);
        waitChart.setCreateSymbols(false);
        for (XYChart<Number, Number> ch : List.of(waitingChart, waitChart)) {
            ch.setAnimated(false);
            ch.setLegendVisible(false);
            ch.setPrefHeight(170);
            ch.setMinHeight(150);
            ch.setTitle(ch == waitingChart ? i18n.t("sup.chart.waiting.title") : i18n.t("sup.chart.longest.title"));
            HBox.setHgrow(ch, Priority.ALWAYS);
        }
        vm.history().addListener((ListChangeListener<WaitHistory.Point>) c -> showHistory());
        vm.windowProperty().addListener((o, a, b) -> showHistory());

        operators = operatorTable();
        operatorsMinWidth = operators.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 24;
        ListView<Views.Alert> alerts = new ListView<>(vm.alerts());
        alerts.setId("alerts");
        alerts.setPrefHeight(170); // one line an alert: seven fit; the operators table takes what is left
        alerts.setMinHeight(96);
        alerts.setPlaceholder(Ui.placeholder(i18n.t("sup.alerts.none")));
        alerts.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Views.Alert a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("alert-critical", "alert-warning");
                if (empty || a == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                // one line each (cut with "..."): the whole text, and the call it is about, in the tooltip
                String said = i18n.time(a.at()) + "  " + dev.frontline.desktop.ui.AlertText.of(i18n, a);
                Label text = new Label(said);
                text.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
                text.getStyleClass().add("critical".equalsIgnoreCase(a.severity()) ? "alert-critical" : "alert-warning");
                text.setTooltip(new Tooltip(a.callId() == null ? said : said + "\n" + a.callId()));
                setText(null);
                setGraphic(text);
            }
        });

        cards.setId("queue-cards");
        cards.setPrefWrapLength(780);
        // the cards scroll in their own pane; the charts stay in sight below them
        javafx.scene.control.ScrollPane cardsScroll = new javafx.scene.control.ScrollPane(cards);
        cardsScroll.setFitToWidth(true);
        cardsScroll.setId("cards-scroll");
        cardsScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(cardsScroll, Priority.ALWAYS);
        HBox charts = Ui.row(8, waitingChart, waitChart);
        charts.setId("charts");
        charts.setMinHeight(150);
        VBox left = new VBox(4, cardsScroll, Ui.row(6, Ui.grow(), Ui.label(i18n.t("sup.chart.window"), Styles.TEXT_MUTED),
                windowChoice()), charts);
        left.setPadding(new Insets(0, 8, 8, 8));
        VBox.setVgrow(operators, Priority.ALWAYS);
        VBox.setVgrow(alerts, Priority.SOMETIMES);
        VBox right = new VBox(8, Ui.label(i18n.t("sup.operators"), Styles.TITLE_4), operators,
                SupervisorActionsBar.forOperators(vm.actions(), operators, i18n),
                Ui.label(i18n.t("sup.tickets"), Styles.TITLE_4), new TicketLinesPane(vm, i18n, openTickets),
                Ui.label(i18n.t("sup.alerts"), Styles.TITLE_4), alerts,
                SupervisorActionsBar.forCallers(vm.actions(), alerts, i18n));
        right.setPadding(new Insets(8, 12, 12, 8));
        SplitPane split = new SplitPane(left, right);
        split.setId("wallboard-split");
        split.setDividerPositions(MAX_CARDS_SHARE);
        // whole columns of cards on the left, the rest to the operators (their languages decide who can take whom)
        split.widthProperty().addListener((o, before, w) -> fitCards(split));
        cards.heightProperty().addListener((o, before, h) -> fitCards(split)); // cards laid out (added, removed)
        setCenter(split);

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            if (!vm.tick()) operators.refresh(); // times in state move on even without a snapshot
            showAxes(); // the window slides with the clock, with or without new points
        }));
        showAxes();
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /**
     * Puts the divider right of the last column of queue cards that fits in {@link #MAX_CARDS_SHARE} of the width,
     * instead of a fixed share that left most of a card's width empty beside them (at 1,200 px: two columns and a
     * 250 px gap, while the operators table cut off its skills and languages).
     */
    private void fitCards(SplitPane split) {
        double width = split.getWidth();
        if (width <= 0) {
            return;
        }
        double card = cards.getChildren().stream().mapToDouble(n -> n.prefWidth(-1)).max().orElse(DEFAULT_CARD_WIDTH);
        double gap = cards.getHgap();
        double room = Math.min(width * MAX_CARDS_SHARE, width - operatorsMinWidth);
        int columns = (int) Math.max(1, Math.floor((room - CARDS_CHROME + gap) / (card + gap)));
        double left = columns * card + (columns - 1) * gap + CARDS_CHROME;
        split.setDividerPositions(Math.min(MAX_CARDS_SHARE, left / width));
    }

    private Node kpi(String id, String title, javafx.beans.value.ObservableValue<String> value) {
        Label v = Ui.label("", "kpi-value");
        v.setId(id);
        v.textProperty().bind(value);
        Label caption = Ui.label(title, Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        caption.setWrapText(true); // two lines where the language's words are long ("laukiantys atgaliniai skambučiai")
        caption.setMaxWidth(112);
        caption.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(0, v, caption);
        box.getStyleClass().add("kpi");
        if ("kpi-breached".equals(id)) {
            vm.breachedProperty().addListener((o, a, b) -> box.pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("breached"), b.intValue() > 0));
        }
        return box;
    }

    /**
     * Callers' average rating today in the header ("rated 16 times today  3.8"; "—" before the first): the row of
     * tiles below is full at the window's opening width.
     */
    private Node rating() {
        Label v = Ui.label("", Styles.TEXT_BOLD);
        v.setId("kpi-rating");
        v.textProperty().bind(Bindings.createStringBinding(() -> ratingText(vm.ratingsProperty().get().average(),
                vm.ratingsProperty().get().count()), vm.ratingsProperty()));
        Label caption = Ui.label("", Styles.TEXT_MUTED);
        caption.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("sup.kpi.rating", vm.ratingsProperty().get().count()), vm.ratingsProperty()));
        return Ui.row(6, caption, v);
    }

    private String ratingText(double average, int count) {
        return count == 0 ? "—" : i18n.oneDecimal(average);
    }

    private Node stateKpi(OperatorState s) {
        Label v = Ui.label("", "kpi-value");
        v.setId("kpi-" + s.name().toLowerCase());
        v.textProperty().bind(Bindings.convert(vm.countProperty(s)));
        StateBadge badge = new StateBadge(i18n);
        badge.show(s, null);
        VBox box = new VBox(2, v, badge);
        box.getStyleClass().add("kpi");
        return box;
    }

    private void showQueues() {
        List<Views.QueueStats> qs = vm.queues();
        java.util.Set<String> keep = new java.util.HashSet<>();
        int i = 0;
        for (Views.QueueStats q : qs) {
            String key = q.queue() + "/" + q.tier();
            keep.add(key);
            QueueCard card = cardByKey.computeIfAbsent(key, k -> new QueueCard(i18n));
            card.show(q);
            if (i >= cards.getChildren().size() || cards.getChildren().get(i) != card) {
                cards.getChildren().remove(card);
                cards.getChildren().add(Math.min(i, cards.getChildren().size()), card);
            }
            i++;
        }
        cardByKey.keySet().removeIf(k -> {
            if (keep.contains(k)) return false;
            cards.getChildren().remove(cardByKey.get(k));
            return true;
        });
    }

    /** The window's choices: the last hour, 4 hours, a day. */
    private Node windowChoice() {
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().add("segmented");
        for (java.time.Duration w : SupervisorViewModel.WINDOWS) {
            javafx.scene.control.ToggleButton b = new javafx.scene.control.ToggleButton(i18n.span(w));
            b.setId("window-" + w.toHours() + "h");
            b.setToggleGroup(group);
            b.getStyleClass().add(Styles.SMALL);
            b.setSelected(w.equals(vm.windowProperty().get()));
            b.setOnAction(e -> {
                if (b.isSelected()) vm.windowProperty().set(w);
                else b.setSelected(true); // one is always chosen
            });
            box.getChildren().add(b);
        }
        return box;
    }

    /**
     * The window's points, as minutes on the local clock. Incremental: a peak update in the last bucket moves one
     * point; a new bucket adds one; anything else (the window moved past a point, another window) rebuilds.
     */
    private void showHistory() {
        List<WaitHistory.Point> points = vm.chartPoints();
        showAxes();
        int n = points.size();
        int shown = waitingSeries.getData().size();
        boolean samePrefix = n > 0 && (shown == n || shown == n - 1);
        for (int i = 0; samePrefix && i < Math.min(shown, n - 1); i++) {
            samePrefix = waitingSeries.getData().get(i).getXValue().doubleValue() == localMinute(points.get(i).at());
        }
        if (samePrefix && shown == n && waitingSeries.getData().get(n - 1).getXValue().doubleValue()
                == localMinute(points.get(n - 1).at())) {
            waitingSeries.getData().get(n - 1).setYValue(points.get(n - 1).waiting());
            longestSeries.getData().get(n - 1).setYValue(points.get(n - 1).longestWaitSeconds());
            return;
        }
        if (samePrefix && shown == n - 1) {
            WaitHistory.Point p = points.get(n - 1);
            waitingSeries.getData().add(new XYChart.Data<>(localMinute(p.at()), p.waiting()));
            longestSeries.getData().add(new XYChart.Data<>(localMinute(p.at()), p.longestWaitSeconds()));
            return;
        }
        List<XYChart.Data<Number, Number>> w = new java.util.ArrayList<>();
        List<XYChart.Data<Number, Number>> l = new java.util.ArrayList<>();
        for (WaitHistory.Point p : points) {
            w.add(new XYChart.Data<>(localMinute(p.at()), p.waiting()));
            l.add(new XYChart.Data<>(localMinute(p.at()), p.longestWaitSeconds()));
        }
        waitingSeries.getData().setAll(w);
        longestSeries.getData().setAll(l);
    }

    /** The window ending now, with ticks on whole local times: 10 min for an hour, 30 min for 4 h, 3 h for a day. */
    private void showAxes() {
        java.time.Duration window = vm.windowProperty().get();
        double tick = tickMinutes(window);
        double upper = localMinute(clock.instant());
        double lower = Math.floor((upper - window.toMinutes()) / tick) * tick;
        for (NumberAxis x : timeAxes) {
            x.setAutoRanging(false);
            x.setTickUnit(tick);
            x.setLowerBound(lower);
            x.setUpperBound(upper);
        }
    }

    static double tickMinutes(java.time.Duration window) {
        return window.toHours() <= 1 ? 10 : window.toHours() <= 4 ? 30 : 180;
    }

    /** Minutes since the epoch on the local clock (so whole hours fall on whole numbers of 60). */
    static double localMinute(java.time.Instant at) {
        int offset = ZoneId.systemDefault().getRules().getOffset(at).getTotalSeconds();
        return (at.getEpochSecond() + offset) / 60.0;
    }

    private NumberAxis timeAxis() {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) {
                double m = n.doubleValue();
                if (Math.abs(m / x.getTickUnit() - Math.round(m / x.getTickUnit())) > 1e-6) return ""; // now: no odd tick
                long minute = Math.round(m);
                return String.format("%02d:%02d", Math.floorMod(minute / 60, 24), Math.floorMod(minute, 60));
            }
            @Override public Number fromString(String s) { return 0; }
        });
        return x;
    }

    /** Shows where callers fill in the web callback form (the demo's, on its own port), or nothing for null. */
    private final HBox header;

    /** Reports (Ctrl+R) and Administration (Ctrl+Shift+A) buttons in the header, before the tickets' button. */
    public void addWindows(Runnable reports, Runnable admin) {
        Button r = Ui.button(i18n.t("reports.open"), reports, Styles.BUTTON_OUTLINED);
        r.setId("open-reports");
        javafx.scene.input.KeyCombination rKeys = new javafx.scene.input.KeyCodeCombination(
                javafx.scene.input.KeyCode.R, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);
        Ui.shortcut(r, i18n.t("reports.open"), rKeys);
        Button a = Ui.button(i18n.t("admin.open"), admin, Styles.BUTTON_OUTLINED);
        a.setId("open-admin");
        javafx.scene.input.KeyCombination aKeys = new javafx.scene.input.KeyCodeCombination(
                javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCombination.SHORTCUT_DOWN,
                javafx.scene.input.KeyCombination.SHIFT_DOWN);
        Ui.shortcut(a, i18n.t("admin.open"), aKeys);
        int at = header.getChildren().indexOf(header.lookup("#open-tickets"));
        header.getChildren().addAll(at < 0 ? header.getChildren().size() : at, List.of(r, a));
        java.util.function.Consumer<javafx.scene.Scene> keys = sc -> {
            sc.getAccelerators().put(rKeys, reports);
            sc.getAccelerators().put(aKeys, admin);
        };
        if (getScene() != null) keys.accept(getScene());
        sceneProperty().addListener((o, was, sc) -> {
            if (was != null) {
                was.getAccelerators().remove(rKeys);
                was.getAccelerators().remove(aKeys);
            }
            if (sc != null) keys.accept(sc);
        });
    }

    public void showFormUrl(String url) {
        formUrl.setText(url == null ? "" : i18n.t("sup.form", url));
        formUrl.setVisible(url != null);
    }

    private TableView<Views.OperatorRow> operatorTable() {
        TableView<Views.OperatorRow> t = new TableView<>(vm.operators());
        t.setId("operators");
        t.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Views.OperatorRow, String> name = new TableColumn<>(i18n.t("sup.op.name"));
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        TableColumn<Views.OperatorRow, Views.OperatorRow> state = new TableColumn<>(i18n.t("sup.op.state"));
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            private final StateBadge badge = new StateBadge(i18n);

            @Override
            protected void updateItem(Views.OperatorRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                badge.show(r.state(), r.reason());
                badge.setTooltip(r.reason() == null || r.reason().isBlank() ? null : new Tooltip(badge.getText()));
                setGraphic(badge);
            }
        });
        TableColumn<Views.OperatorRow, String> time = new TableColumn<>(i18n.t("sup.op.time"));
        time.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().since() == null ? ""
                : I18n.clock(java.time.Duration.between(c.getValue().since(), clock.instant()))));
        time.getStyleClass().add("mono");
        TableColumn<Views.OperatorRow, String> skills = new TableColumn<>(i18n.t("sup.op.skills"));
        skills.setCellValueFactory(c -> new ReadOnlyStringWrapper(skillsText(c.getValue())));
        skills.setCellFactory(withTooltip((row, text) -> text)); // the whole list when the column cuts it
        // every column whole at its narrowest (the divider leaves the table their sum); skills take the rest
        sized(name, 170, 180);
        sized(state, 105, 150); // a break's reason beside it (and in its tooltip)
        sized(time, 60, 64);
        TableColumn<Views.OperatorRow, String> handled = dayColumn("sup.op.handled", "op-handled",
                d -> Integer.toString(d.handled()));
        TableColumn<Views.OperatorRow, String> aht = dayColumn("sup.op.aht", "op-aht",
                d -> d.handled() == 0 ? "—" : I18n.clock(d.averageHandleSeconds()));
        TableColumn<Views.OperatorRow, String> occupancy = dayColumn("sup.op.occupancy", "op-occupancy",
                d -> String.format(i18n.locale(), "%.0f%%", d.occupancyPercent()));
        sized(handled, 52, 56);
        sized(aht, 56, 60);
        sized(occupancy, 58, 62);
        TableColumn<Views.OperatorRow, String> rating = new TableColumn<>(i18n.t("sup.op.rating"));
        rating.setCellValueFactory(c -> {
            Views.OperatorRating r = vm.ratingOf(c.getValue().login());
            return new ReadOnlyStringWrapper(r == null ? "" : ratingText(r.average(), r.count()));
        });
        rating.setCellFactory(withTooltip((row, text) -> {
            Views.OperatorRating r = vm.ratingOf(row.login());
            return r == null ? null : i18n.t("sup.op.rating.count", r.count());
        }));
        rating.getStyleClass().add("mono");
        vm.ratingsProperty().addListener((o, before, now) -> t.refresh());
        sized(rating, 56, 60);
        sized(skills, 40, 120); // the cells cut when narrow: their tooltip has the whole list; the header stays whole
        skills.setMaxWidth(Double.MAX_VALUE); // the last column takes the rest
        skills.setPrefWidth(120); // small: the resize policy shrinks every column when the widths exceed the table
        t.getColumns().addAll(List.of(name, state, time, handled, aht, occupancy, rating, skills));
        vm.operatorDaysProperty().addListener((o, before, now) -> t.refresh());
        t.setPlaceholder(Ui.placeholder(i18n.t("sup.op.none")));
        return t;
    }

    /** Text cells with a tooltip saying {@code tip} of the row and the cell's text (none when it says null). */
    private static javafx.util.Callback<TableColumn<Views.OperatorRow, String>, TableCell<Views.OperatorRow, String>>
            withTooltip(java.util.function.BiFunction<Views.OperatorRow, String, String> tip) {
        return column -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                Views.OperatorRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String says = row == null || text == null ? null : tip.apply(row, text);
                tooltip.setText(says);
                setTooltip(says == null ? null : tooltip);
            }
        };
    }

    /** A column of an operator's day so far (empty until the server answered), headed by a short word. */
    private TableColumn<Views.OperatorRow, String> dayColumn(String key, String id,
                                                             java.util.function.Function<Views.OperatorDay, String> text) {
        TableColumn<Views.OperatorRow, String> c = new TableColumn<>(i18n.t(key)); // short; the cells say it long
        c.setId(id);
        String explained = i18n.t(key + ".long");
        c.setCellFactory(withTooltip((row, shown) -> shown.isEmpty() ? null : explained + ": " + shown));
        c.setCellValueFactory(r -> {
            Views.OperatorDay d = vm.dayOf(r.getValue().login());
            return new ReadOnlyStringWrapper(d == null ? "" : text.apply(d));
        });
        c.getStyleClass().add("mono");
        return c;
    }

    /** At least {@code min} and its header's whole word (headers are bold, and other languages' words longer). */
    private static void sized(TableColumn<?, ?> column, double min, double width) {
        String head = column.getText() != null && !column.getText().isEmpty() ? column.getText()
                : column.getGraphic() instanceof Label l ? l.getText() : "";
        javafx.scene.text.Text probe = new javafx.scene.text.Text(head);
        probe.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize() + 1));
        double header = Math.ceil(probe.getLayoutBounds().getWidth()) + 24; // the header's padding
        column.setMinWidth(Math.max(min, header));
        column.setPrefWidth(Math.max(width, header));
        column.setMaxWidth(Math.max(width, header) + 40);
    }

    /**
     * "Technical, Sales · Line 1 · lt ru": the queues ("All queues" for all three) and lines in the desk's language,
     * then the languages.
     */
    String skillsText(Views.OperatorRow r) {
        List<String> queues = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String skill : r.skills()) {
            String line = i18n.label("tier", skill);
            if (line.equals(skill)) {
                queues.add(i18n.label("queue", skill));
            } else {
                lines.add(line);
            }
        }
        List<String> parts = new ArrayList<>();
        if (queues.size() == Intent.values().length) parts.add(i18n.t("sup.op.allQueues"));
        else if (!queues.isEmpty()) parts.add(String.join(", ", queues));
        if (!lines.isEmpty()) parts.add(String.join(", ", lines));
        if (!r.languages().isEmpty()) parts.add(String.join(" ", r.languages()));
        return String.join("  ·  ", parts);
    }

    public void dispose() {
        ticker.stop();
    }

}
