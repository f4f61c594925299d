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
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallboard at the window size it opens with: no empty column beside the queue cards, operators readable. */
@ExtendWith(ApplicationExtension.class)
class SupervisorLayoutFxTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.ratings = new Views.Ratings(4.333, 3, List.of(new Views.OperatorRating("kasia", 4.5, 2),
                new Views.OperatorRating("olga", 4.0, 1)));
        SupervisorViewModel vm = new SupervisorViewModel(desk, Clock.systemUTC());
        scene = new Scene(new SupervisorView(vm, I18n.forSetting("en"), Clock.systemUTC(), () -> { }, id -> { }), 1200, 760);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    @Test
    void queueCardsFillWholeColumnsAndTheOperatorsGetTheRest(FxRobot robot) {
        // given the demo's eight queue/tier cards and some operators
        Instant now = Instant.now();
        List<Views.QueueStats> queues = new ArrayList<>();
        for (String q : List.of("general", "sales", "technical")) {
            for (String tier : List.of("LINE1", "LINE2", "LINE3")) {
                if (!(q.equals("technical") && tier.equals("LINE3"))) {
                    queues.add(new Views.QueueStats(q, tier, 4, 31, 46, 14, 30, 33, 240, 14, 0, q.equals("general")));
                }
            }
        }
        List<Views.OperatorRow> ops = List.of(
                new Views.OperatorRow("kasia", "Katarzyna Wiśniewska", OperatorState.TALKING, null, now, List.of("sales", "general", "line1"), List.of("pl", "en"), null),
                new Views.OperatorRow("maja", "Maja Kranjc", OperatorState.READY, null, now, List.of("technical", "line1", "line2"), List.of("sl", "en"), null),
                new Views.OperatorRow("olga", "Ольга Смирнова", OperatorState.READY, null, now, List.of("technical", "sales", "general", "line1"), List.of("lt", "ru"), null));
        robot.interact(() -> desk.push(new ServerMessage.QueueSnapshot(now, queues, ops, List.of())));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();

        // then right of the last column of cards there is less than a card's width left
        FlowPane cards = (FlowPane) scene.lookup("#queue-cards");
        assertThat(cards.getChildren()).hasSize(8);
        double cardWidth = cards.getChildren().get(0).getBoundsInParent().getWidth();
        double rightmost = cards.getChildren().stream().mapToDouble(n -> n.getBoundsInParent().getMaxX()).max().orElseThrow();
        assertThat(cards.getWidth() - rightmost).as("empty width beside the cards").isLessThan(cardWidth);
        // and the operators table has room for all its columns (name, state, time in state, rating, skills)
        TableView<?> operators = (TableView<?>) scene.lookup("#operators");
        assertThat(operators.getColumns()).extracting(c -> c.getText())
                .containsExactly("Operator", "State", "In state", "Calls", "AHT", "Busy", "Rating", "Skills");
        double columns = operators.getColumns().stream().limit(7).mapToDouble(c -> c.getMinWidth()).sum();
        assertThat(operators.getWidth()).as("operators table width").isGreaterThan(columns + 60);
        // and skills name the queues and lines as the cards do (the server sent only the lines until session 4)
        assertThat(operators.getColumns().get(7).getCellData(0)).isEqualTo("Sales, General  ·  Line 1  ·  pl en");
        assertThat(operators.getColumns().get(7).getCellData(1)).isEqualTo("Technical  ·  Line 1, Line 2  ·  sl en");
        assertThat(operators.getColumns().get(7).getCellData(2)).isEqualTo("All queues  ·  Line 1  ·  lt ru");
        // and the callers' ratings today: overall on top, each operator's beside them
        assertThat(((javafx.scene.control.Label) scene.lookup("#kpi-rating")).getText()).isEqualTo("4.3");
        assertThat(operators.getColumns().get(6).getCellData(0)).isEqualTo("4.5");
        assertThat(operators.getColumns().get(6).getCellData(1)).isEqualTo("");
        assertThat(operators.getColumns().get(6).getCellData(2)).isEqualTo("4.0");
        // and every tile's caption whole (a tenth tile for the rating cut "targets breached" and "callbacks pending")
        for (javafx.scene.Node tile : scene.getRoot().lookupAll(".kpi")) {
            for (javafx.scene.Node n : tile.lookupAll(".label")) {
                javafx.scene.control.Label l = (javafx.scene.control.Label) n;
                javafx.scene.text.Text drawn = (javafx.scene.text.Text) l.lookup(".text");
                assertThat(drawn.getText()).as("'%s' as drawn", l.getText()).isEqualTo(l.getText());
            }
        }
    }
}
