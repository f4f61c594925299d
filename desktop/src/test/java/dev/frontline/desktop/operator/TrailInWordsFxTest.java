package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
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

/** Issue 22 item 10: the menu trail in the desk's language and in words, not "no valid entered-contract entered". */
@ExtendWith(ApplicationExtension.class)
class TrailInWordsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    static final List<String> STORED = List.of("pressed 1 (technical failure)", "no valid entered-contract entered",
            "no input; gave up at main-menu", "queued: technical, priority 1, line1", "a step of a flow of our own");
    private final StackPane root = new StackPane();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(root, 1280, 720));
        stage.show();
    }

    private List<String> shown(FxRobot robot, Locale locale, Views.MenuTrail trail) {
        FakeDesk desk = new FakeDesk("kasia", "operator");
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        robot.interact(() -> {
            OperatorViewModel vm = new OperatorViewModel(desk, clock);
            root.getChildren().setAll(new OperatorView(vm, new I18n(locale), clock));
            vm.start();
            desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
            ServerMessage.ScreenPop p = Samples.pop("call-1", NOW, null);
            desk.push(new ServerMessage.ScreenPop(p.callId(), p.offeredAt(), p.callingNumber(), p.customer(), trail,
                    p.openTickets(), p.lastContacts(), p.outage(), null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".trail-step").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void theTrailIsWordedInEnglish(FxRobot robot) {
        assertThat(shown(robot, Locale.ENGLISH, new Views.MenuTrail("en", STORED, false, false, "technical", 1, "line1", 30)))
                .containsExactly("1.  pressed 1: technical failure", "2.  gave no valid contract number",
                        "3.  pressed nothing; the menu gave up", "4.  queued: technical failure, priority 1, Line 1",
                        "5.  a step of a flow of our own");
    }

    @Test
    void theSameStoredTrailIsWordedInRussian(FxRobot robot) {
        assertThat(shown(robot, Locale.forLanguageTag("ru"), new Views.MenuTrail("en", STORED, false, false, "technical", 1,
                "line1", 30)))
                .containsExactly("1.  нажал(а) 1: техническая неисправность", "2.  не ввёл(а) верный номер договора",
                        "3.  ничего не нажал(а); меню прекратило попытки", "4.  в очереди: техническая неисправность, приоритет 1, 1-я линия",
                        "5.  a step of a flow of our own");
    }

    @Test
    void anOlderServersTrailWithoutStepsIsShownAsItCame(FxRobot robot) {
        Views.MenuTrail old = new Views.MenuTrail("en", STORED, false, false, "technical", 1, "line1", 30, null);
        assertThat(shown(robot, Locale.ENGLISH, old)).startsWith("1.  pressed 1 (technical failure)");
    }
}
