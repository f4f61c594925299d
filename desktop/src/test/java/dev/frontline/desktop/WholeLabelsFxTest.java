package dev.frontline.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The windows in Russian (the longer words) at the size they open with: no command is cut to "Сохранит...", no
 * empty list's hint to "каждая подс...".
 */
@ExtendWith(ApplicationExtension.class)
class WholeLabelsFxTest {
    private final FakeDesk operator = new FakeDesk("op1", "operator");
    private final FakeDesk supervisor = new FakeDesk("sup", "supervisor");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DeskWindow.Context ctx = new DeskWindow.Context(I18n.forSetting("ru"),
                (uri, login, pw) -> CompletableFuture.completedFuture(login.startsWith("sup") ? supervisor : operator),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm());
        new DeskWindow(stage, ctx, "http://127.0.0.1:1", null);
        stage.show();
    }

    @Test
    void everyButtonOfTheOperatorWindowShowsItsWholeName(FxRobot robot) {
        operator.myRating = new dev.frontline.core.api.Views.OperatorRating("op1", 4.5, 6); // one more label on the bar
        DeskWindowFxTest.logIn(robot, "op1");
        robot.interact(() -> operator.push(Samples.welcome("op1", OperatorState.READY, Instant.now())));
        WaitForAsyncUtils.waitForFxEvents();

        List<Button> buttons = new ArrayList<>();
        collect(stage.getScene().getRoot(), buttons);
        assertThat(buttons).extracting(Button::getId).contains("save-note");
        javafx.scene.control.Label rating = robot.lookup("#my-rating").queryAs(javafx.scene.control.Label.class);
        assertThat(rating.getText()).isEqualTo("ваши звонящие сегодня: 4,5 (6)");
        assertThat(((javafx.scene.text.Text) rating.lookup(".text")).getText()).isEqualTo(rating.getText());
        for (Button b : buttons) {
            assertThat(b.getWidth()).as("width of '%s'", b.getText()).isGreaterThanOrEqualTo(b.prefWidth(-1) - 0.5);
        }
    }

    @Test
    void theTestPhonesHintWrapsInsteadOfBeingCutOff(FxRobot robot) {
        DeskWindowFxTest.logIn(robot, "sup");
        robot.clickOn("#open-phone");
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.ListView<?> transcript = robot.lookup("#phone-transcript").queryAs(javafx.scene.control.ListView.class);
        javafx.scene.control.Label hint = (javafx.scene.control.Label) transcript.getPlaceholder();
        javafx.scene.text.Text shown = (javafx.scene.text.Text) hint.lookup(".text");
        assertThat(hint.getText()).startsWith("Позвоните");
        assertThat(shown.getText()).as("the hint as drawn").isEqualTo(hint.getText());
    }

    private static void collect(Node n, List<Button> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Button b && b.getText() != null && !b.getText().isBlank()) {
            out.add(b);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
