package dev.frontline.desktop.supervisor;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.FxExecutor;
import dev.frontline.desktop.testing.FakeDesk;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard under a busy day: 100 operators, 9 queue/tier cards and alerts, snapshots and state changes
 * arriving 20 times a second through the real {@link FxExecutor}. A probe measures how late the FX thread runs a
 * task posted every 20 ms; the view must not freeze (the numbers are printed: README "Desktop").
 */
@ExtendWith(ApplicationExtension.class)
class SupervisorLoadFxTest {
    private final FakeDesk desk = new FakeDesk("sup", "supervisor");
    private SupervisorViewModel vm;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new SupervisorViewModel(desk, Clock.systemUTC());
        SupervisorView view = new SupervisorView(vm, I18n.forSetting("en"), Clock.systemUTC(), () -> { }, id -> { });
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(DesktopMain.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    private static ServerMessage.QueueSnapshot snapshot(Random r, int n) {
        Instant now = Instant.now();
        List<Views.QueueStats> queues = new ArrayList<>();
        for (String q : List.of("technical", "sales", "general")) {
            for (String tier : List.of("LINE1", "LINE2", "LINE3")) {
                int waiting = r.nextInt(12);
                queues.add(new Views.QueueStats(q, tier, waiting, r.nextInt(200), r.nextInt(120), 60 + r.nextInt(40),
                        30, 20, 240, r.nextInt(10), r.nextInt(5), waiting > 8));
            }
        }
        List<Views.OperatorRow> ops = new ArrayList<>();
        OperatorState[] states = {OperatorState.READY, OperatorState.TALKING, OperatorState.WRAP_UP, OperatorState.BREAK};
        for (int i = 0; i < 100; i++) {
            ops.add(new Views.OperatorRow("op" + i, "Operator " + i, states[r.nextInt(states.length)], null,
                    now.minusSeconds(r.nextInt(600)), List.of("technical"), List.of("en", "lt"), null));
        }
        List<Views.Alert> alerts = List.of(new Views.Alert(now, "warning", "SLA breached #" + n, "line1", "technical", null, null, null, null));
        return new ServerMessage.QueueSnapshot(now, queues, ops, alerts);
    }

    @Test
    void staysResponsiveUnderAHundredOperatorsAndTwentyUpdatesASecond() throws Exception {
        FxExecutor fx = new FxExecutor();
        Random r = new Random(7);
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + 6_000_000_000L;
        Thread probe = new Thread(() -> {
            while (System.nanoTime() < end) {
                long posted = System.nanoTime();
                Platform.runLater(() -> lateness.add((System.nanoTime() - posted) / 1_000_000));
                sleep(20);
            }
        });
        probe.start();
        int n = 0;
        while (System.nanoTime() < end) {
            ServerMessage.QueueSnapshot s = snapshot(r, n++);
            fx.execute(() -> desk.push(s));
            sleep(50);
        }
        probe.join();
        Thread.sleep(300);
        List<Long> sorted = new ArrayList<>(lateness);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        long max = sorted.get(sorted.size() - 1);
        System.out.printf("wallboard under load: %d snapshots of 100 operators in 6 s; FX lateness p50 %d ms, p99 %d ms, max %d ms (%d probes)%n",
                n, p50, p99, max, sorted.size());
        assertThat(vm.operators()).hasSize(100);
        // A freeze (blocking work on the FX thread) shows as seconds; the bound is loose because the 2 shared cores
        // of the build machine are often oversubscribed: the printed numbers are the measurement.
        assertThat(max).as("longest FX stall, ms").isLessThan(5000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
