package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
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

/** The operator desk in Russian (longer command names) at the demo's window size: no command runs off the pane. */
@ExtendWith(ApplicationExtension.class)
class OperatorViewRussianFxTest {
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
        desk.push(Samples.pop("call-1", NOW, "T-0100"));
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @Test
    void theCallsCommandsStayInsideTheWorkPaneWithoutScrollingSideways(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node work = robot.lookup(".work-pane").query();
        Node up = work;
        while (!(up instanceof ScrollPane)) {
            up = up.getParent();
        }
        ScrollPane scroll = (ScrollPane) up;
        double right = scroll.localToScene(scroll.getBoundsInLocal()).getMaxX();
        // the work pane's and the call's ticket bar pinned under it (issue 22 item 5)
        List<Button> commands = java.util.stream.Stream.concat(robot.lookup(".work-pane .button").queryAllAs(Button.class).stream(),
                robot.lookup("#call-ticket-bar .button").queryAllAs(Button.class).stream()).filter(Button::isVisible).toList();
        assertThat(commands).extracting(Button::getText).contains("Решено", "Передать на 2-ю линию", "Передать на 3-ю линию");
        for (Button b : commands) {
            assertThat(b.localToScene(b.getBoundsInLocal()).getMaxX()).as("'%s' inside the pane (right edge %s)",
                    b.getText(), right).isLessThanOrEqualTo(right);
        }
        assertThat(work.getBoundsInParent().getWidth()).as("no sideways scrolling")
                .isLessThanOrEqualTo(scroll.getViewportBounds().getWidth());
    }
}
