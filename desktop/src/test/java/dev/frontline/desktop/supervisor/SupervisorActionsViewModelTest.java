package dev.frontline.desktop.supervisor;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.SpyMode;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallboard's commands without a window: what goes to the server for whom, and where the answer is said. */
class SupervisorActionsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final FakeDesk desk = new FakeDesk("sue", "supervisor");
    private final SupervisorActionsViewModel vm = new SupervisorActionsViewModel(desk);

    @Test
    void nothingIsSentWithoutAChoice() {
        vm.forceState(OperatorState.BREAK);
        vm.supervise(SpyMode.LISTEN);
        vm.changePriority(1);
        assertThat(desk.sent).isEmpty();
    }

    @Test
    void forcesAndJoinsTheChosenOperator() {
        vm.operatorProperty().set(Samples.operator("kasia", OperatorState.TALKING, T0));
        vm.supervise(SpyMode.BARGE);
        ClientMessage.Supervise s = desk.last(ClientMessage.Supervise.class);
        assertThat(s.login()).isEqualTo("kasia");
        assertThat(s.mode()).isEqualTo(SpyMode.BARGE);
        assertThat(vm.said().key()).isEqualTo("sup.act.join.done");
        assertThat(vm.said().args()).containsExactly("Op kasia", "BARGE");

        vm.forceState(OperatorState.OFFLINE);
        assertThat(desk.last(ClientMessage.ForceState.class).state()).isEqualTo(OperatorState.OFFLINE);
        assertThat(desk.last(ClientMessage.ForceState.class).reason()).as("the server's default reason").isNull();
    }

    @Test
    void onlyAnAlertAboutACallReranksAndItsRefusalIsSaidForTheCaller() {
        vm.alertProperty().set(new Views.Alert(T0, "warning", "ticket overdue", "line1", null, "ticket-overdue",
                null, null, "FL-1"));
        vm.changePriority(1);
        assertThat(desk.sent).isEmpty();

        vm.alertProperty().set(new Views.Alert(T0, "warning", "SLA", "line1", "technical", "sla-on-line", 30L,
                "sim-3", null));
        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "invalid", "call sim-3 is not waiting");
        vm.changePriority(3);
        assertThat(desk.last(ClientMessage.ChangePriority.class).priority()).isEqualTo(3);
        assertThat(vm.said().key()).isEqualTo("call sim-3 is not waiting");
        assertThat(vm.said().error()).isTrue();
        assertThat(vm.said().aboutCaller()).isTrue();
    }
}
