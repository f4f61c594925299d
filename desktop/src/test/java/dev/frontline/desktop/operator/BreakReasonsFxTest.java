package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
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
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A Russian operator's "Обед" goes to the server as the code {@code lunch}; a code comes back translated. */
@ExtendWith(ApplicationExtension.class)
class BreakReasonsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.forLanguageTag("ru")), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @Test
    void theBreakReasonIsSentAsItsCodeAndShownInTheOperatorsLanguage(FxRobot robot) {
        robot.clickOn("#break");
        robot.clickOn("Обед");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.last(ClientMessage.SetState.class).reason()).isEqualTo("lunch");

        robot.interact(() -> desk.push(new ServerMessage.StateChanged("kasia", OperatorState.BREAK, "training", NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#state").queryAs(Label.class).getText()).endsWith("· Обучение");
    }
}
