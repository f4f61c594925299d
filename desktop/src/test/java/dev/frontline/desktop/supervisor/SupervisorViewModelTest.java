package dev.frontline.desktop.supervisor;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisorViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private FakeDesk desk;
    private SupervisorViewModel vm;

    @BeforeEach
    void setUp() {
        desk = new FakeDesk("sup", "supervisor");
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId z) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        vm = new SupervisorViewModel(desk, clock);
        vm.start();
    }

    private static ServerMessage.QueueSnapshot snapshot(Instant at, int waiting, boolean breached) {
        return new ServerMessage.QueueSnapshot(at,
                List.of(Samples.queue("LINE1", waiting, 45, 72.5, breached), Samples.queue("LINE2", 1, 10, 100, false)),
                List.of(Samples.operator("a", OperatorState.TALKING, at), Samples.operator("b", OperatorState.READY, at),
                        Samples.operator("c", OperatorState.TALKING, at)),
                List.of());
    }

    @Test
    void snapshotFillsQueuesTotalsAndOperatorsByState() {
        desk.push(snapshot(T0, 4, true));
        assertThat(vm.queues()).hasSize(2);
        assertThat(vm.waitingProperty().get()).isEqualTo(5);
        assertThat(vm.longestWaitProperty().get()).isEqualTo(45);
        assertThat(vm.breachedProperty().get()).isEqualTo(1);
        assertThat(vm.countProperty(OperatorState.TALKING).get()).isEqualTo(2);
        assertThat(vm.countProperty(OperatorState.READY).get()).isEqualTo(1);
        assertThat(vm.operators().get(0).state()).as("operators on calls first").isEqualTo(OperatorState.TALKING);
        assertThat(vm.operators().get(2).state()).isEqualTo(OperatorState.READY);
    }

    @Test
    void listsAreStableInstancesSoViewListenersKeepFiring() {
        // a fresh unmodifiable wrapper per call would be garbage-collected with the view's listener on it
        assertThat(vm.queues()).isSameAs(vm.queues());
        assertThat(vm.history()).isSameAs(vm.history());
        assertThat(vm.alerts()).isSameAs(vm.alerts());
    }

    @Test
    void snapshotsFasterThanTheRefreshLimitAreHeldBackUntilTheNextTick() {
        desk.push(snapshot(T0, 4, false));
        now.set(T0.plusMillis(100));
        desk.push(snapshot(T0.plusMillis(100), 9, false));
        assertThat(vm.waitingProperty().get()).isEqualTo(5);
        now.set(T0.plusSeconds(1));
        vm.tick();
        assertThat(vm.waitingProperty().get()).isEqualTo(10);
    }

    @Test
    void alertsArriveNewestFirstWithoutDuplicates() {
        Views.Alert a1 = new Views.Alert(T0, "warning", "LINE1 SLA 72% < 80%", "LINE1", "technical", null, null, null, null);
        Views.Alert a2 = new Views.Alert(T0.plusSeconds(5), "critical", "caller waiting 95 s", "LINE1", "technical", null, null, null, null);
        desk.push(new ServerMessage.Alert(a1));
        desk.push(new ServerMessage.QueueSnapshot(T0, List.of(), List.of(), List.of(a1, a2)));
        assertThat(vm.alerts()).containsExactly(a2, a1);
    }

    @Test
    void historyKeepsThePeakOfEachBucket() {
        desk.push(snapshot(T0, 2, false));
        now.set(T0.plusSeconds(1));
        desk.push(snapshot(T0.plusSeconds(1), 6, false));
        now.set(T0.plusSeconds(10));
        desk.push(snapshot(T0.plusSeconds(10), 0, false));
        assertThat(vm.history()).extracting(WaitHistory.Point::waiting).containsExactly(7, 1);
    }

    @Test
    void theChartStartsWithTheLastDayFromTheServerBeforeWhatCameLive() {
        desk = new FakeDesk("sup", "supervisor");
        desk.waitHistory = null; // the answer comes after the first live snapshot
        Clock clock = Clock.fixed(T0.plusSeconds(3), ZoneOffset.UTC);
        SupervisorViewModel late = new SupervisorViewModel(desk, clock);
        late.start();
        // a sliding day, not since midnight: a desk open through the night keeps its evening
        assertThat(desk.waitHistoryAsked).containsExactly(T0.plusSeconds(3).minus(java.time.Duration.ofHours(24)));

        desk.push(snapshot(T0, 2, false)); // 3 waiting now (2 + 1 on line 2)
        desk.answerWaitHistory(List.of(new Views.WaitPoint(T0.minusSeconds(3600), 4, 120),
                new Views.WaitPoint(T0.minusSeconds(1800), 0, 0),
                new Views.WaitPoint(T0, 9, 999))); // the live point for this instant wins

        assertThat(late.history()).extracting(WaitHistory.Point::at)
                .containsExactly(T0.minusSeconds(3600), T0.minusSeconds(1800), T0);
        assertThat(late.history()).extracting(WaitHistory.Point::waiting).containsExactly(4, 0, 3);
    }

    @Test
    void withoutTheServersHistoryTheChartStartsNow() {
        desk = new FakeDesk("sup", "supervisor");
        desk.waitHistory = null;
        SupervisorViewModel vm2 = new SupervisorViewModel(desk, Clock.fixed(T0, ZoneOffset.UTC));
        vm2.start();
        desk.push(snapshot(T0, 2, false));
        desk.failWaitHistory(404, "not found"); // an older server
        assertThat(vm2.history()).extracting(WaitHistory.Point::waiting).containsExactly(3);
        assertThat(vm2.connectionProperty().get()).isEqualTo("ONLINE");
    }

    @Test
    void theDaysRatingsAreReadAtStartAndAgainEveryMinute() {
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        Instant midnight = T0.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        assertThat(desk.ratingsAsked).containsExactly(midnight);
        assertThat(vm.ratingsProperty().get().count()).isZero();

        desk.ratings = new Views.Ratings(4.25, 4, List.of(new Views.OperatorRating("a", 4.5, 2),
                new Views.OperatorRating("b", 4.0, 2)));
        now.set(T0.plus(SupervisorViewModel.RATINGS_EVERY).minusSeconds(1));
        vm.tick();
        assertThat(desk.ratingsAsked).hasSize(1);
        now.set(T0.plus(SupervisorViewModel.RATINGS_EVERY));
        vm.tick();
        assertThat(desk.ratingsAsked).hasSize(2);
        assertThat(vm.ratingsProperty().get().average()).isEqualTo(4.25);
        assertThat(vm.ratingOf("a")).isEqualTo(new Views.OperatorRating("a", 4.5, 2));
        assertThat(vm.ratingOf("c")).isNull();

        desk.ratings = null; // the server could not answer: the last ratings stay
        now.set(T0.plus(SupervisorViewModel.RATINGS_EVERY.multipliedBy(2)));
        vm.tick();
        assertThat(vm.ratingsProperty().get().count()).isEqualTo(4);
    }
}
