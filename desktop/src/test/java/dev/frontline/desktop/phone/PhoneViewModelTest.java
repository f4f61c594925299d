package dev.frontline.desktop.phone;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.testing.FakeDesk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneViewModelTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private final List<String> played = new ArrayList<>();
    private final PhoneViewModel vm = new PhoneViewModel(desk, "+37060000001", played::add);

    private static Views.SimTurn turn(String text, String awaiting, int max, boolean ended) {
        return new Views.SimTurn("sim-1", List.of(new Views.SimPrompt(text, "en/" + text.length())), awaiting, max, ended);
    }

    @Test
    void dialShowsAndPlaysTheFirstPrompt() {
        desk.simDialAnswer = turn("Press 1 for a technical failure", "digits", 1, false);
        vm.dial();
        assertThat(vm.inCallProperty().get()).isTrue();
        assertThat(vm.transcript()).extracting(PhoneViewModel.Line::text).contains("Press 1 for a technical failure");
        assertThat(played).containsExactly("en/31");
    }

    @Test
    void keysAreSentWhenTheLineHasAllItAskedFor() {
        desk.simDialAnswer = turn("Enter your 4-digit PIN", "digits", 4, false);
        desk.simInput = d -> turn("Thank you", "queue", 1, false);
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
        desk.simDialAnswer = turn("Enter your contract number", "digits", 8, false);
        desk.simInput = d -> turn("Again please", "digits", 8, false);
        vm.dial();
        vm.press('7');
        vm.press('#');
        vm.send();
        assertThat(desk.simInputs).containsExactly("7", "noInput");
    }

    @Test
    void hangUpEndsTheCall() {
        desk.simDialAnswer = turn("Welcome", "digits", 1, false);
        desk.simInput = d -> new Views.SimTurn("sim-1", List.of(), "hangup", 0, true);
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
