package dev.frontline.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.ApiException;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The login in the desk's language (the server's refusal too) and the log-out at the end of the day. */
@ExtendWith(ApplicationExtension.class)
class DeskLoginFxTest {
    private final FakeDesk operator = new FakeDesk("op1", "operator");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DeskWindow.Context ctx = new DeskWindow.Context(I18n.forSetting("ru"),
                (uri, login, pw) -> login.equals("bad")
                        ? CompletableFuture.failedFuture(new ApiException(401, "wrong login or password"))
                        : CompletableFuture.completedFuture(operator),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm());
        new DeskWindow(stage, ctx, "http://127.0.0.1:1", null);
        stage.show();
    }

    @Test
    void aWrongPasswordIsToldInTheDesksLanguage(FxRobot robot) {
        DeskWindowFxTest.logIn(robot, "bad");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#login-error").queryAs(Label.class).getText()).isEqualTo("Неверный логин или пароль.");
    }

    @Test
    void anOperatorLogsOutGoingOfflineFirstAndIsBackAtTheLogin(FxRobot robot) {
        DeskWindowFxTest.logIn(robot, "op1");
        robot.interact(() -> operator.push(Samples.welcome("op1", OperatorState.READY, Instant.now())));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#log-out");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(operator.last(ClientMessage.SetState.class).state()).isEqualTo(OperatorState.OFFLINE);
        assertThat(operator.logOuts).isEqualTo(1);
        assertThat(robot.lookup("#login-button").tryQuery()).isPresent();
        assertThat(robot.lookup("#login-error").queryAs(Label.class).getText()).isEmpty();
    }
}
