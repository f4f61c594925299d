package dev.frontline.desktop.recording;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.testing.FakeDesk;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A call's recordings without a window: listing per call, playing, saving, and what 403 / 404 say. */
class RecordingsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final FakeDesk desk = new FakeDesk("rasa", "operator");
    private final List<String> played = new ArrayList<>();
    private Path saveTo;
    private final RecordingsViewModel vm = new RecordingsViewModel(desk, new Playback() {
        @Override
        public Path play(byte[] wav, String name) {
            played.add(name);
            return saveTo;
        }

        @Override
        public void stop() {
            played.add("stop");
        }
    });

    private static Views.Recording rec(long id) {
        return new Views.Recording(id, "call-1", "FL-1", "anna", "sim", T0, T0.plusSeconds(40), 640044L, true,
                "/api/recordings/" + id + "/audio");
    }

    @Test
    void listsOnRequestAndForgetsTheListWhenAnotherCallIsShown() {
        desk.recordings = id -> List.of(rec(1));
        vm.show("call-1");
        assertThat(desk.recordingsRead).isEmpty();
        vm.load();
        assertThat(vm.items()).containsExactly(rec(1));
        vm.show("call-2");
        assertThat(vm.items()).isEmpty();
        assertThat(vm.listedProperty().get()).isFalse();
    }

    @Test
    void anEmptyListSaysSo() {
        vm.show("call-1");
        vm.load();
        assertThat(vm.messageProperty().get()).isEqualTo("rec.none");
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
    }

    @Test
    void aTicketWithoutACallHasNothingToList() {
        vm.show(null);
        vm.load();
        assertThat(desk.recordingsRead).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("rec.nocall");
    }

    @Test
    void playsOrSaysWhereItWasSaved() {
        desk.audio = id -> new byte[] {1, 2, 3};
        vm.play(rec(4));
        assertThat(played).containsExactly("frontline-call-1-4");
        assertThat(vm.playingProperty().get()).isEqualTo(rec(4));
        assertThat(vm.messageProperty().get()).isEqualTo("rec.playing");

        saveTo = Path.of("/tmp/x.wav");
        vm.play(rec(5));
        assertThat(played).containsExactly("frontline-call-1-4", "stop", "frontline-call-1-5");
        assertThat(vm.playingProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("rec.saved");
        assertThat(vm.messageArgs()).containsExactly("/tmp/x.wav");
    }

    @Test
    void forbiddenAndGoneReadAsWhatTheyMean() {
        desk.recordings = id -> null;
        desk.recordingsStatus = 403;
        vm.show("call-1");
        vm.load();
        assertThat(vm.messageProperty().get()).isEqualTo("rec.forbidden");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();

        desk.audioStatus = 404;
        vm.play(rec(1));
        assertThat(vm.messageProperty().get()).isEqualTo("rec.gone");

        desk.audioStatus = 500;
        vm.play(rec(1));
        assertThat(vm.messageProperty().get()).isEqualTo("rec.failed");
        assertThat(vm.messageArgs()).containsExactly("HTTP 500");
    }
}
