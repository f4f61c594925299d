package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Tier;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call commands on a callback conversation (issue 21, ADR 0147): the desk's own callback has no screen-pop, yet
 * Hold / Resume and Transfer act on it by its attempt id, and a typed note goes on a ticket of that call and customer
 * (it went on a ticket of no call, which the next operator's pop could not show).
 */
@ExtendWith(ApplicationExtension.class)
class CallbackCallControlsFxTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private final FakeDesk desk = new FakeDesk("kasia", "operator");
    private final MutableClock clock = new MutableClock(NOW, ZoneId.of("UTC"));
    private Scene scene;
    /** What rang on this desk: "ring <who>" and "stop", in order. */
    private final java.util.List<String> rings = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "FL-000077" : null);
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock, new RingAlert() {
            @Override
            public void ring(String who) {
                rings.add("ring " + who);
            }

            @Override
            public void stop() {
                rings.add("stop");
            }
        });
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        scene = new Scene(view, 1280, 720);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** kasia's callback to Jonas rang, she answered, Jonas picked up. */
    private void talkingToTheCallbackCustomer(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", Samples.customer(), 95, 1,
                    "router drops"));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
            desk.push(new ServerMessage.CallConnected("cb-5-1", NOW));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, "cb-5-1", NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void enabledInWindow(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        assertThat(n.isVisible()).as(query + " visible").isTrue();
        assertThat(n.isDisabled()).as(query + " disabled").isFalse();
        Bounds b = n.localToScene(n.getBoundsInLocal());
        assertThat(b.getMaxX()).as(query).isLessThanOrEqualTo(scene.getWidth());
        assertThat(b.getMaxY()).as(query).isLessThanOrEqualTo(scene.getHeight());
    }

    /** Visible with every parent: what the operator sees. */
    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) return false;
        }
        return true;
    }

    @Test
    void holdAndResumeActOnTheCallbackCall(FxRobot robot) {
        talkingToTheCallbackCustomer(robot);
        enabledInWindow(robot, "#hold");

        robot.clickOn("#hold");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.HoldCall on = desk.last(ClientMessage.HoldCall.class);
        assertThat(on.callId()).isEqualTo("cb-5-1");
        assertThat(on.on()).isTrue();
        robot.interact(() -> desk.push(new ServerMessage.CallHoldChanged("cb-5-1", true, 0, NOW)));
        assertThat(robot.lookup("#hold").queryAs(Button.class).getText()).isEqualTo("Resume");

        robot.clickOn("#hold");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.HoldCall.class).on()).isFalse();
    }

    @Test
    void aTransferOfTheCallbackCallPutsTheNoteOnATicketOfThatCallAndCustomerFirst(FxRobot robot) {
        talkingToTheCallbackCustomer(robot);
        enabledInWindow(robot, "#transfer");
        // the offer showed the Callbacks tab; the notes are on the Call tab
        javafx.scene.control.TabPane tabs = robot.lookup("#operator-tabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.clickOn("#note").write("Router replaced, still drops: line 2 please");
        @SuppressWarnings("unchecked")
        ComboBox<Tier> line = robot.lookup("#transfer-line").queryAs(ComboBox.class);
        robot.interact(() -> line.setValue(Tier.LINE2));

        robot.clickOn("#transfer");
        WaitForAsyncUtils.waitForFxEvents();

        ClientMessage.CreateTicket made = desk.last(ClientMessage.CreateTicket.class);
        assertThat(made.callId()).as("the ticket is the callback call's").isEqualTo("cb-5-1");
        assertThat(made.customerId()).isEqualTo(Samples.customer().id());
        ClientMessage.AddNote note = desk.last(ClientMessage.AddNote.class);
        assertThat(note.ticketId()).isEqualTo("FL-000077");
        ClientMessage.TransferCall t = desk.last(ClientMessage.TransferCall.class);
        assertThat(t.callId()).isEqualTo("cb-5-1");
        assertThat(t.tier()).isEqualTo(Tier.LINE2);
        assertThat(desk.sent.indexOf(note)).isLessThan(desk.sent.indexOf(t));
    }

    /**
     * Issue 21: when the callback customer answers, the server sends their pop (ADR 0153): the left pane shows the
     * customer's card, history and trail with Hang up, as for a queued caller, the Call tab with the notes is in front,
     * and the pop does not ring again (before: "No call" in the left pane, the customer only in the banner, the
     * Callbacks tab in front).
     */
    @Test
    void theAnsweredCallbackCustomersPopFillsTheLeftPaneLikeAnInboundCallWithoutRingingAgain(FxRobot robot) {
        robot.interact(() -> {
            desk.push(new ServerMessage.CallbackOffer(5, "cb-5-1", "+37061234567", Samples.customer(), 95, 1,
                    "router drops"));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.RINGING, null, NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rings).containsExactly("ring Jonas Petraitis");
        assertThat(shown(robot.lookup("#idle-title").query())).as("the left pane before the answer").isTrue();

        // the server's order when the customer answers: the pop, then connected, then the operator's state
        robot.interact(() -> {
            desk.push(Samples.pop("cb-5-1", NOW, null));
            desk.push(new ServerMessage.CallConnected("cb-5-1", NOW));
            desk.push(new ServerMessage.StateChanged("kasia", OperatorState.TALKING, "cb-5-1", NOW));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot.lookup("#idle-title").query())).as("'No call'").isFalse();
        assertThat(robot.lookup("#caller-name").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("Jonas Petraitis");
        assertThat(robot.lookup("#pop-ticket-T-0042").tryQuery()).as("the customer's history").isPresent();
        assertThat(shown(robot.lookup("#accept").query())).as("Accept on a call already answered").isFalse();
        enabledInWindow(robot, "#hold");
        enabledInWindow(robot, "#transfer");
        assertThat(rings).as("answered: the pop does not ring").containsExactly("ring Jonas Petraitis", "stop");
        javafx.scene.control.TabPane tabs = robot.lookup("#operator-tabs").queryAs(javafx.scene.control.TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedIndex()).as("the Call tab, with the notes").isZero();

        robot.clickOn("#hold");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.last(ClientMessage.HoldCall.class).callId()).isEqualTo("cb-5-1");
        robot.clickOn("#note").write("Router replaced");
        robot.clickOn("#save-note");
        WaitForAsyncUtils.waitForFxEvents();
        ClientMessage.CreateTicket made = desk.last(ClientMessage.CreateTicket.class);
        assertThat(made.callId()).isEqualTo("cb-5-1");
        assertThat(made.customerId()).isEqualTo(Samples.customer().id());
    }
}
