package dev.frontline.desktop.phone;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.testing.FakeDesk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneViewModelTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private final List<String> played = new ArrayList<>();
    private final PhoneViewModel vm = new PhoneViewModel(desk, "+37060000001", played::add);

    @BeforeEach
    void start() {
        vm.start();
    }

    private static Views.PhoneTurn digits(String text, int max) {
        return new Views.PhoneTurn("sim-1", List.of(new Views.PhoneStep("play", "en", "k", text, null,
                "/sounds/en/k.wav")), "digits", max, 5000, true, 0, 0, null, null);
    }

    private static Views.PhoneTurn await(String await) {
        return new Views.PhoneTurn("sim-1", List.of(), await, 0, 0, false, 2, 45, null, "op1");
    }

    @Test
    void aDemoCustomersNumberShowsTheirPinWhetherChosenOrTyped() {
        Views.SampleCaller william = new Views.SampleCaller("William Evans", "+353850777208", "en", "Vilnius-Centre", "4821", false);
        Views.SampleCaller rasa = new Views.SampleCaller("Rasa Kazlauskienė", "+37061234567", "lt", "Kaunas", "1937", true);
        desk.sampleCallers = List.of(william, rasa);
        PhoneViewModel phone = new PhoneViewModel(desk, "+37060000001", played::add);
        phone.start();
        assertThat(phone.sampleCallers()).containsExactly(william, rasa);
        assertThat(phone.callerProperty().get()).isNull();

        phone.callAs(rasa);
        assertThat(phone.fromProperty().get()).isEqualTo("+37061234567");
        assertThat(phone.callerProperty().get()).isEqualTo(rasa);

        phone.fromProperty().set("+353 85 077 7208".replace(" ", ""));
        assertThat(phone.callerProperty().get()).isEqualTo(william);
        phone.fromProperty().set("+37060000009");
        assertThat(phone.callerProperty().get()).isNull();
    }

    @Test
    void aTextTheDemoSentToThisPhonesNumberJoinsTheTranscript() {
        desk.simDialAnswer = digits("Your contract number is", 1);
        vm.dial();
        desk.push(new ServerMessage.PhoneText("+37060000001", "Frontline: your contract number is 10000001.", java.time.Instant.now()));
        assertThat(vm.transcript()).last().isEqualTo(new PhoneViewModel.Line(PhoneViewModel.Line.Kind.TEXT,
                "Frontline: your contract number is 10000001."));
    }

    @Test
    void dialShowsAndPlaysTheFirstPrompt() {
        desk.simDialAnswer = digits("Press 1 for a technical failure", 1);
        vm.dial();
        assertThat(vm.inCallProperty().get()).isTrue();
        assertThat(vm.transcript()).extracting(PhoneViewModel.Line::text).contains("Press 1 for a technical failure");
        assertThat(played).containsExactly("/sounds/en/k.wav");
    }

    @Test
    void keysAreSentWhenTheLineHasAllItAskedFor() {
        desk.simDialAnswer = digits("Enter your 4-digit PIN", 4);
        desk.simInput = d -> await("queue");
        vm.dial();
        vm.press('1');
        vm.press('2');
        vm.press('3');
        assertThat(desk.simInputs).isEmpty();
        vm.press('4');
        assertThat(desk.simInputs).containsExactly("1234");
        assertThat(vm.awaitingProperty().get()).isEqualTo("queue");
    }

    @Test
    void hashSendsEarlyAndSilenceIsNoInput() {
        desk.simDialAnswer = digits("Enter your contract number", 8);
        desk.simInput = d -> digits("Again please", 8);
        vm.dial();
        vm.press('7');
        vm.press('#');
        vm.send();
        assertThat(desk.simInputs).containsExactly("7", "noInput");
    }

    @Test
    void pushedTurnsOfThisCallShowTheOperatorAnswering() {
        desk.simDialAnswer = digits("Welcome", 1);
        desk.simInput = d -> await("queue");
        vm.dial();
        vm.press('1');
        desk.push(new ServerMessage.PhoneTurnPushed(new Views.PhoneTurn("other", List.of(), "hangup", 0, 0, false, 0, 0, null, null)));
        assertThat(vm.inCallProperty().get()).isTrue();
        desk.push(new ServerMessage.PhoneTurnPushed(await("connected")));
        assertThat(vm.awaitingProperty().get()).isEqualTo("connected");
        assertThat(vm.transcript()).extracting(PhoneViewModel.Line::text).contains("connected:op1");
    }

    /** Issue 21: a supervisor barging in is a status line on the caller's phone, not a prompt to play. */
    @Test
    void aSupervisorBargingInShowsAsAStatusLineWhileTheCallGoesOn() {
        desk.simDialAnswer = digits("Welcome", 1);
        desk.simInput = d -> await("queue");
        vm.dial();
        vm.press('1');
        desk.push(new ServerMessage.PhoneTurnPushed(await("connected")));
        played.clear();

        desk.push(new ServerMessage.PhoneTurnPushed(new Views.PhoneTurn("sim-1", List.of(new Views.PhoneStep("notice",
                null, "supervisor-joined", "A supervisor joined the call", null, null)), "connected", 0, 0, false, 0, 0,
                null, "op1")));

        assertThat(vm.transcript()).last().isEqualTo(new PhoneViewModel.Line(PhoneViewModel.Line.Kind.STATUS,
                "supervisor-joined"));
        assertThat(played).isEmpty();
        assertThat(vm.inCallProperty().get()).isTrue();
    }

    @Test
    void hangUpEndsTheCall() {
        desk.simDialAnswer = digits("Welcome", 1);
        desk.simInput = d -> await("hangup");
        vm.dial();
        vm.hangUp();
        assertThat(vm.inCallProperty().get()).isFalse();
        assertThat(desk.simInputs).containsExactly("hangup");
    }

    @Test
    void aBadCallingNumberIsRefusedBeforeDialling() {
        vm.fromProperty().set("12ab");
        vm.dial();
        assertThat(vm.errorProperty().get()).contains("'12ab'");
        assertThat(vm.inCallProperty().get()).isFalse();
    }
}
