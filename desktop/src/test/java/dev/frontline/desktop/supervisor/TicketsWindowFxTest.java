package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.operator.LineTicketsViewModel;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A supervisor's Tickets window has no "Only mine": supervisors take no tickets of their own. */
@ExtendWith(ApplicationExtension.class)
class TicketsWindowFxTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    @Test
    void theSupervisorsTicketsWindowHasNoOnlyMine(FxRobot robot) {
        desk.lineTickets = new Views.LineTickets(Instant.now(), List.of("LINE1", "LINE2", "LINE3"), List.of());
        Stage[] shown = new Stage[1];
        robot.interact(() -> shown[0] = new TicketsWindow(new LineTicketsViewModel(desk), I18n.forSetting("en"),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm()).show(null));
        WaitForAsyncUtils.waitForFxEvents();

        Node mine = shown[0].getScene().getRoot().lookup("#tickets-mine");
        assertThat(mine == null || !mine.isVisible()).as("'Only mine' shown to a supervisor").isTrue();
        robot.interact(shown[0]::hide);
    }
}
