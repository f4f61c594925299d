package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The callbacks list in the operator desk's narrow right-hand pane: every card whole, and "Call now" works. */
@ExtendWith(ApplicationExtension.class)
class CallbacksPaneFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("op1", "operator");
    private javafx.scene.control.TabPane tabs;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.callbacks = List.of(
                CallbackLinesTest.row("Konstantinas Vasiliauskas-Jankauskas", NOW.plusSeconds(600), List.of(
                        new Views.CallbackAttempt(1, "anna", NOW.minusSeconds(1500), "customer_busy", "busy"),
                        new Views.CallbackAttempt(2, "anna", NOW.minusSeconds(900), "customer_no_answer", ""))),
                CallbackLinesTest.row(null, null, List.of()));
        OperatorViewModel vm = new OperatorViewModel(desk, Clock.fixed(NOW, ZoneId.of("UTC")));
        vm.start();
        CallbacksPane pane = new CallbacksPane(vm, new I18n(Locale.ENGLISH), Clock.fixed(NOW, ZoneId.of("UTC")));
        // as in the desk: on a tab shown later, the width it has in a 1200 px window
        tabs = new javafx.scene.control.TabPane(new javafx.scene.control.Tab("Call", new javafx.scene.layout.Pane()),
                new javafx.scene.control.Tab("Callbacks", pane));
        stage.setScene(new Scene(tabs, 500, 500));
        stage.show();
    }

    @Test
    void everyLineOfACardIsShownWholeAndCallNowAsksForThatCallback(FxRobot robot) {
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        List<Label> labels = robot.lookup("#callbacks .label").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && !l.getText().isEmpty()).toList();
        assertThat(labels).extracting(Label::getText).contains("Konstantinas Vasiliauskas-Jankauskas", "+37061234567")
                .anySatisfy(t -> assertThat(t).startsWith("Due ").contains("technical failure", "waited 0:42"))
                .anySatisfy(t -> assertThat(t).contains("attempt 1 at ", ": busy; attempt 2 at ", ": no answer"));
        for (Label l : labels) {
            javafx.scene.text.Text drawn = (javafx.scene.text.Text) l.lookup(".text");
            assertThat(drawn.getText()).as("'%s' as drawn", l.getText()).isEqualTo(l.getText());
        }

        List<Button> calls = robot.lookup("#callbacks .button").queryAllAs(Button.class).stream()
                .filter(Button::isVisible).toList();
        assertThat(calls).hasSize(2);
        javafx.scene.Node list = robot.lookup("#callbacks").query();
        double right = list.localToScene(list.getBoundsInLocal()).getMaxX();
        for (Button b : calls) {
            assertThat(b.getWidth()).as("'%s' whole", b.getText()).isGreaterThanOrEqualTo(b.prefWidth(-1) - 0.5);
            assertThat(b.localToScene(b.getBoundsInLocal()).getMaxX()).as("'%s' inside the list", b.getText())
                    .isLessThanOrEqualTo(right);
        }
        robot.clickOn(calls.get(0));
        assertThat(desk.last(ClientMessage.CallBackNow.class).callbackId()).isEqualTo(12);
    }
}
