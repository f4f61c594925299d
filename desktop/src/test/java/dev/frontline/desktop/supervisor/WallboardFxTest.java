package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard as a wall screen shows it: at 1280x720 in every desk language nothing is cut; the charts are in
 * sight and slide (last hour, 4 h, a day) across midnight; no estimate for an empty queue; the breached tile counts
 * the red cards; each operator's day beside their state.
 */
@ExtendWith(ApplicationExtension.class)
class WallboardFxTest {
    /** 00:20 local time: the last hour reaches into yesterday. */
    private static final Instant NOW = LocalDate.of(2026, 12, 6).atTime(LocalTime.of(0, 20))
            .atZone(ZoneId.systemDefault()).toInstant();
    private FakeDesk desk;
    /** A window of its own, closed after each test: the shared primary stage kept 1280x720 for the next test class. */
    private Stage stage;

    @Start
    void start(Stage primary) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    @org.junit.jupiter.api.AfterEach
    void close(FxRobot robot) {
        if (stage != null) robot.interact(stage::hide);
    }

    private Scene show(FxRobot robot, String language, double width, double height) {
        desk = new FakeDesk("sup", "supervisor");
        desk.ratings = new Views.Ratings(3.9, 12, List.of(new Views.OperatorRating("kasia", 4.5, 2)));
        desk.operatorDays = List.of(new Views.OperatorDay("kasia", 14, 263, 71.4), new Views.OperatorDay("olga", 0, 0, 0));
        desk.waitHistory = List.of(new Views.WaitPoint(NOW.minus(Duration.ofHours(3)), 7, 95), // 21:20 yesterday
                new Views.WaitPoint(NOW.minus(Duration.ofMinutes(50)), 3, 40)); // 23:30 yesterday
        Clock clock = Clock.fixed(NOW, ZoneId.systemDefault());
        Scene[] scene = new Scene[1];
        robot.interact(() -> {
            SupervisorViewModel vm = new SupervisorViewModel(desk, clock);
            SupervisorView view = new SupervisorView(vm, I18n.forSetting(language), clock, () -> { }, id -> { });
            if (stage != null) stage.hide();
            stage = new Stage();
            scene[0] = new Scene(view, width, height);
            scene[0].getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
            stage.setScene(scene[0]);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            stage.setOnHidden(e -> view.dispose());
            vm.start();
            desk.push(snapshot());
        });
        WaitForAsyncUtils.sleep(1200, java.util.concurrent.TimeUnit.MILLISECONDS); // the 1 s refresh limit
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        return scene[0];
    }

    private static ServerMessage.QueueSnapshot snapshot() {
        List<Views.QueueStats> queues = new ArrayList<>();
        for (String q : List.of("general", "sales", "technical")) {
            for (String tier : List.of("LINE1", "LINE2", "LINE3")) {
                boolean empty = !tier.equals("LINE1");
                // technical line 1: a caller past the target now; sales line 1 and general line 1: service level low
                queues.add(new Views.QueueStats(q, tier, empty ? 0 : 4, empty ? 0 : 31, 240,
                        empty ? 100 : q.equals("technical") ? 85 : 52.5, 30, 33, 240, 22.5, 0, q.equals("technical") && !empty));
            }
        }
        List<Views.OperatorRow> ops = List.of(
                new Views.OperatorRow("kasia", "Katarzyna Wiśniewska", OperatorState.TALKING, null, NOW.minusSeconds(95), List.of("sales", "general", "line1"), List.of("pl", "en"), "sim-1-180"),
                new Views.OperatorRow("olga", "Ольга Смирнова", OperatorState.BREAK, "Training", NOW.minusSeconds(600), List.of("technical", "line1"), List.of("lt", "ru"), null),
                new Views.OperatorRow("maja", "Maja Kranjc", OperatorState.READY, null, NOW.minusSeconds(20), List.of("technical", "line2"), List.of("sl", "en"), null));
        List<Views.Alert> alerts = List.of(new Views.Alert(NOW.minusSeconds(30), "critical", "SLA breached: 30s (call sim-1-180)",
                "LINE1", "technical", "sla-on-line", 30L, "sim-20261206-001951-180", null));
        return new ServerMessage.QueueSnapshot(NOW, queues, ops, alerts);
    }

    @Test
    void nothingIsCutAt1280x720InAnyLanguage(FxRobot robot) {
        for (String language : I18n.LANGUAGES) {
            Scene scene = show(robot, language, 1280, 720);
            List<String> cut = new ArrayList<>();
            // every tile's caption, every card's numbers and captions, the operators' headers and cells
            int checked = 0;
            for (String selector : List.of(".kpi .label", ".queue-card .label", "#operators .table-cell",
                    "#operators .column-header .label")) {
                Set<Node> found = scene.getRoot().lookupAll(selector);
                assertThat(found).as("%s in %s", selector, language).isNotEmpty();
                for (Node n : found) {
                    if (n instanceof javafx.scene.control.TableCell<?, ?> cell
                            && cell.getTableColumn() == ((TableView<?>) scene.lookup("#operators")).getColumns().get(7)) {
                        continue; // skills: the rest of the width, the whole list in the cell's tooltip
                    }
                    cutText(n, cut);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(100);
            assertThat(cut).as("labels cut in %s at 1280x720", language).isEmpty();
            TableView<?> operators = (TableView<?>) scene.lookup("#operators");
            assertThat(operators.getColumns()).as("columns in %s", language).hasSize(8);
            for (var c : operators.getColumns()) {
                assertThat(c.getWidth()).as("width of column '%s' in %s", header(c), language)
                        .isGreaterThanOrEqualTo(c.getMinWidth() - 0.5);
            }
            // and two columns of queue cards beside it in English (the longer words of some languages leave one)
            if (language.equals("en")) {
                assertThat(scene.getRoot().lookupAll(".queue-card").stream().map(n -> n.getLayoutX()).distinct().count())
                        .as("columns of cards in %s", language).isGreaterThanOrEqualTo(2);
            }
            // and the charts in sight, not below the fold
            Node charts = scene.lookup("#charts");
            assertThat(charts.localToScene(charts.getBoundsInLocal()).getMaxY()).as("charts bottom in %s", language)
                    .isLessThanOrEqualTo(720.5);
        }
    }

    @Test
    void theChartsAreInSightAtTheWindowsOpeningSize(FxRobot robot) {
        Scene scene = show(robot, "en", 1200, 760);
        Node charts = scene.lookup("#charts");
        assertThat(charts.localToScene(charts.getBoundsInLocal()).getMaxY()).isLessThanOrEqualTo(760.5);
        assertThat(charts.getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void anEmptyQueueShowsNoEstimateAndTheBreachedTileCountsTheRedCards(FxRobot robot) {
        Scene scene = show(robot, "ru", 1280, 720);
        List<QueueCard> cards = scene.getRoot().lookupAll(".queue-card").stream().map(QueueCard.class::cast).toList();
        assertThat(cards).hasSize(9);
        for (QueueCard card : cards) {
            String waiting = ((Label) card.lookup("#card-waiting")).getText();
            String estimate = ((Label) card.lookup("#card-estimated")).getText();
            if (waiting.equals("0")) {
                assertThat(estimate).as("estimate with nobody waiting").isEqualTo("—");
            } else {
                assertThat(estimate).isEqualTo("4:00");
            }
            // one number format per language: "22,5%" beside "3,9"
            assertThat(((Label) card.lookup("#card-abandon")).getText()).isEqualTo("22,5%");
        }
        long red = cards.stream().filter(c -> c.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("breached"))).count();
        assertThat(red).isEqualTo(3);
        assertThat(((Label) scene.lookup("#kpi-breached")).getText()).isEqualTo("3");
        assertThat(((Label) scene.lookup("#kpi-rating")).getText()).isEqualTo("3,9");
    }

    @Test
    void eachOperatorShowsTheirDayAndAlertsNoRawCallIds(FxRobot robot) {
        Scene scene = show(robot, "en", 1280, 720);
        TableView<?> operators = (TableView<?>) scene.lookup("#operators");
        assertThat(operators.getColumns()).extracting(WallboardFxTest::header)
                .containsExactly("Operator", "State", "In state", "Calls", "AHT", "Busy", "Rating", "Skills");
        assertThat(operators.getColumns().get(3).getCellData(0)).isEqualTo("14");
        assertThat(operators.getColumns().get(4).getCellData(0)).isEqualTo("4:23");
        assertThat(operators.getColumns().get(5).getCellData(0)).isEqualTo("71%");
        assertThat(operators.getColumns().get(4).getCellData(2)).as("nobody handled: no AHT").isEqualTo("—");
        assertThat(operators.getColumns().get(3).getCellData(1)).as("maja: not in the server's answer").isEqualTo("");
        javafx.scene.control.ListView<?> alerts = (javafx.scene.control.ListView<?>) scene.lookup("#alerts");
        Label alert = (Label) alerts.lookupAll(".list-cell").stream().map(c -> ((javafx.scene.control.ListCell<?>) c).getGraphic())
                .filter(g -> g instanceof Label).findFirst().orElseThrow();
        assertThat(alert.getText()).contains("Technical · Line 1: a caller waited on the line over 0:30").doesNotContain("sim-");
    }

    @Test
    void theChartsSlideOverMidnightWithWholeTicks(FxRobot robot) {
        Scene scene = show(robot, "en", 1280, 720);
        XYChart<?, ?> chart = (XYChart<?, ?>) scene.getRoot().lookupAll(".chart").iterator().next();
        NumberAxis x = (NumberAxis) chart.getXAxis();
        // the last hour: 23:20 yesterday to 00:20, ticks every 10 minutes, yesterday's 23:30 point shown
        assertThat(x.getTickUnit()).isEqualTo(10);
        assertThat(x.getUpperBound()).isEqualTo(SupervisorView.localMinute(NOW));
        assertThat(x.getLowerBound()).isEqualTo(SupervisorView.localMinute(NOW.minus(Duration.ofHours(1))));
        assertThat(ticks(x)).contains("23:30", "00:00", "00:10").allMatch(t -> t.isEmpty() || t.endsWith("0"));
        assertThat(xs(chart)).contains(SupervisorView.localMinute(NOW.minus(Duration.ofMinutes(50))))
                .doesNotContain(SupervisorView.localMinute(NOW.minus(Duration.ofHours(3))));

        // the last 4 hours: ticks every 30 minutes, 21:20 yesterday in sight
        robot.clickOn("#window-4h");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(x.getTickUnit()).isEqualTo(30);
        assertThat(x.getLowerBound()).isEqualTo(SupervisorView.localMinute(NOW.minus(Duration.ofHours(4))) - 20);
        assertThat(ticks(x)).contains("21:00", "23:30", "00:00").allMatch(t -> t.isEmpty() || t.endsWith(":00") || t.endsWith(":30"));
        assertThat(xs(chart)).contains(SupervisorView.localMinute(NOW.minus(Duration.ofHours(3))));

        robot.clickOn("#window-24h");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(x.getTickUnit()).isEqualTo(180);
        assertThat(ticks(x)).allMatch(t -> t.isEmpty() || t.endsWith(":00"));
    }

    private static List<String> ticks(NumberAxis x) {
        x.requestAxisLayout();
        x.layout();
        return x.getTickMarks().stream().map(t -> x.getTickLabelFormatter().toString(t.getValue())).toList();
    }

    private static List<Double> xs(XYChart<?, ?> chart) {
        return chart.getData().get(0).getData().stream().map(d -> ((Number) d.getXValue()).doubleValue()).toList();
    }

    private static String header(javafx.scene.control.TableColumn<?, ?> c) {
        return c.getText() != null && !c.getText().isEmpty() ? c.getText()
                : c.getGraphic() instanceof Label l ? l.getText() : "";
    }

    /** A labelled node whose text is drawn shorter than it is ("Op...", "Tal"), named in {@code out}. */
    private static void cutText(Node n, List<String> out) {
        if (!(n instanceof Labeled l) || !n.isVisible() || l.getText() == null || l.getText().isEmpty()) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getGraphic() instanceof Labeled g) cutText(g, out);
            return;
        }
        Node text = l.lookup(".text");
        if (text instanceof Text drawn && !drawn.getText().equals(l.getText())) {
            out.add("'" + l.getText() + "' drawn as '" + drawn.getText() + "'");
        }
        if (l.getGraphic() instanceof Labeled g) cutText(g, out);
    }
}
