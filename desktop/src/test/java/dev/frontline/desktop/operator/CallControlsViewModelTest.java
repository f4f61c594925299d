package dev.frontline.desktop.operator;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hold, mute and transfer without a window: what is sent, in which order, and the held time. */
class CallControlsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final dev.frontline.core.testing.MutableClock clock = new dev.frontline.core.testing.MutableClock(T0);
    private FakeDesk desk;
    private OperatorViewModel vm;
    private CallControlsViewModel call;

    @BeforeEach
    void talking() {
        desk = new FakeDesk("op1", "operator");
        vm = new OperatorViewModel(desk, clock);
        call = vm.callControls();
        vm.start();
        desk.push(Samples.welcome("op1", OperatorState.READY, T0));
        desk.push(Samples.pop("call-1", T0, null));
        desk.push(new ServerMessage.CallConnected("call-1", T0));
    }

    @Test
    void nothingIsSentWhileNoCallIsTalkedOn() {
        desk.push(new ServerMessage.CallFinished("call-1", T0, T0.plusSeconds(30)));
        call.toggleHold();
        call.toggleMute();
        call.transfer();
        assertThat(desk.sent).isEmpty();
    }

    @Test
    void theHeldTimeCountsAndAddsUpOverHolds() {
        call.toggleHold(); // the Ack shows it at once; the server's word follows
        assertThat(call.heldProperty().get()).isTrue();
        desk.push(new ServerMessage.CallHoldChanged("call-1", true, 0, T0));
        clock.advance(Duration.ofSeconds(20));
        vm.tick();
        assertThat(call.heldForProperty().get()).isEqualTo(Duration.ofSeconds(20));

        desk.push(new ServerMessage.CallHoldChanged("call-1", false, 20, T0.plusSeconds(20)));
        assertThat(call.heldProperty().get()).isFalse();
        assertThat(call.heldForProperty().get()).isZero();
        clock.advance(Duration.ofSeconds(5));
        desk.push(new ServerMessage.CallHoldChanged("call-1", true, 0, T0.plusSeconds(25)));
        clock.advance(Duration.ofSeconds(7));
        vm.tick();
        assertThat(call.heldInAllProperty().get()).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void anotherCallsHoldIsIgnoredAndANewCallStartsClean() {
        desk.push(new ServerMessage.CallHoldChanged("call-0", true, 0, T0));
        assertThat(call.heldProperty().get()).isFalse();
        call.toggleHold();
        call.toggleMute();
        assertThat(call.mutedProperty().get()).isTrue();

        desk.push(new ServerMessage.CallFinished("call-1", T0, T0.plusSeconds(30)));
        desk.push(Samples.pop("call-2", T0.plusSeconds(60), null));
        desk.push(new ServerMessage.CallConnected("call-2", T0.plusSeconds(61)));
        assertThat(call.heldProperty().get()).isFalse();
        assertThat(call.mutedProperty().get()).isFalse();
        assertThat(call.heldInAllProperty().get()).isZero();
    }

    @Test
    void aRefusedHoldLeavesTheCallerWithTheOperator() {
        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "not-supported", "hold is not available on this call's line");
        call.toggleHold();
        assertThat(call.heldProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("hold is not available on this call's line");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }

    @Test
    void transferWithoutANoteSendsOnlyTheTransfer() {
        call.transferToProperty().set(Tier.LINE3);
        call.transfer();
        assertThat(desk.sent).hasSize(1);
        ClientMessage.TransferCall t = desk.last(ClientMessage.TransferCall.class);
        assertThat(t.callId()).isEqualTo("call-1");
        assertThat(t.tier()).isEqualTo(Tier.LINE3);
        assertThat(t.intent()).isNull();
    }

    @Test
    void aTypedNoteGoesOnANewTicketBeforeTheTransfer() {
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "FL-000009" : null);
        vm.noteProperty().set("modem swapped, still no sync");
        call.transfer();
        assertThat(commands()).containsExactly("CreateTicket", "AddNote", "TransferCall");
        assertThat(desk.last(ClientMessage.AddNote.class).ticketId()).isEqualTo("FL-000009");
        assertThat(vm.savedNotes()).containsExactly("modem swapped, still no sync");
    }

    @Test
    void aNoteTheServerRefusesStopsTheTransfer() {
        desk.answer = m -> m instanceof ClientMessage.AddNote ? new ServerMessage.ErrorReply(m.id(), "invalid", "ticket closed")
                : new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "FL-000001" : null);
        vm.noteProperty().set("for line 2");
        call.transfer();
        assertThat(commands()).isEqualTo(List.of("CreateTicket", "AddNote"));
        assertThat(call.transferringProperty().get()).as("the button is free again").isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("ticket closed");
    }

    /** What was sent, by kind, without the knowledge-base lookups a typed note makes on the way. */
    private List<String> commands() {
        return desk.sent.stream().filter(m -> !(m instanceof ClientMessage.SuggestKb))
                .map(m -> m.getClass().getSimpleName()).toList();
    }
}
