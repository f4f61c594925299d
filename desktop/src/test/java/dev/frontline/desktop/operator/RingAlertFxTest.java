package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls do not ring silently: the desk's alert starts when a call or a callback rings and stops when it ends. */
@ExtendWith(ApplicationExtension.class)
class RingAlertFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");
    private final List<String> alerts = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock, new RingAlert() {
            @Override
            public void ring(String who) {
                alerts.add("ring " + who);
            }

            @Override
            public void stop() {
                alerts.add("stop");
            }
        });
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @Test
    void aPoppedCallRingsUntilItIsAnswered(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW)));
        assertThat(alerts).containsExactly("ring Jonas Petraitis");

        robot.interact(() -> desk.push(new ServerMessage.CallConnected("call-1", NOW)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(alerts).containsExactly("ring Jonas Petraitis", "stop");
    }

    @Test
    void aCallbackRingsAndAMissedOneStops(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", null, 95, 1, null));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
        });
        assertThat(alerts).containsExactly("ring +37061234567");

        robot.interact(() -> desk.push(new ServerMessage.StateChanged("kasia", OperatorState.MISSED, null, NOW)));
        assertThat(alerts).containsExactly("ring +37061234567", "stop");
    }

    @Test
    void aWithdrawnOfferStopsTheRing(FxRobot robot) {
        robot.interact(() -> desk.push(Samples.pop("call-1", NOW, null)));
        robot.interact(() -> desk.push(new ServerMessage.CallOfferWithdrawn("call-1", "caller-hung-up", NOW)));
        assertThat(alerts).containsExactly("ring Jonas Petraitis", "stop");
    }
}
