package dev.frontline.server.api;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.server.testing.InMemoryDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 0051: the operator's desk has the screen-pop before the backend is told to ring. */
class ScreenPopFirstTest {
    @TempDir
    Path dir;

    @Test
    void theScreenPopIsHandedToTheOperatorBeforeTheBackendRings() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.sqlite(dir.resolve("pop.db"))) {
            LiveDesks desks = new LiveDesks();
            List<String> order = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> rang = new CompletableFuture<>();
            DeskQueries queries = new DeskQueries(db, clock);
            DeskEvents events = new DeskEvents(new DesktopHub(), desks, new Visibility(),
                    new ScreenPops(new InMemoryDirectory(), new InMemoryDirectory(), queries, clock), queries, clock,
                    Duration.ofSeconds(30));
            CallConnector backend = new CallConnector() {
                @Override
                public void connect(CallId callId, OperatorId operator, String endpoint) {
                    order.add(desks.currentCall(operator.value()).map(p -> "popped " + p.callId()).orElse("no pop")
                            + ", then ring " + endpoint);
                    rang.complete(null);
                }

                @Override
                public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number,
                                              String callerId) {
                }
            };
            CallId call = new CallId("c-1");
            events.accept(new AcdEvent.CallQueued(call, new QueuedCall(call, Intent.TECHNICAL, 1, Tier.LINE1,
                    Language.EN, Optional.<CustomerId>empty(), "+37061111111", Backend.SIM, clock.instant()),
                    clock.instant()));

            events.screenPopFirst(backend).connect(call, new OperatorId("anna"), "PJSIP/op101");
            rang.get(5, TimeUnit.SECONDS);

            assertThat(order).containsExactly("popped c-1, then ring PJSIP/op101");
            assertThat(desks.currentCall("anna").orElseThrow().callingNumber()).isEqualTo("+37061111111");
            assertThat(desks.get("anna").phase()).isEqualTo("offered");
            events.close();
        }
    }

    /** Issue 21: the screen-pop stage stands between the ACD and the line; hold and mute must reach the line. */
    @Test
    void holdAndMuteGoThroughToTheBackend() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.sqlite(dir.resolve("hold.db"))) {
            DeskQueries queries = new DeskQueries(db, clock);
            DeskEvents events = new DeskEvents(new DesktopHub(), new LiveDesks(), new Visibility(),
                    new ScreenPops(new InMemoryDirectory(), new InMemoryDirectory(), queries, clock), queries, clock,
                    Duration.ofSeconds(30));
            List<String> told = new CopyOnWriteArrayList<>();
            CallConnector backend = new CallConnector() {
                @Override
                public void connect(CallId callId, OperatorId operator, String endpoint) {
                }

                @Override
                public boolean canHold(CallId callId) {
                    return callId.value().equals("c-1");
                }

                @Override
                public void hold(CallId callId, OperatorId operator, boolean on) {
                    told.add("hold " + callId.value() + " " + on);
                }

                @Override
                public void mute(CallId callId, OperatorId operator, boolean on) {
                    told.add("mute " + callId.value() + " " + on);
                }

                @Override
                public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number,
                                              String callerId) {
                }
            };
            CallConnector staged = events.screenPopFirst(backend);

            assertThat(staged.canHold(new CallId("c-1"))).isTrue();
            assertThat(staged.canHold(new CallId("c-2"))).isFalse();
            staged.hold(new CallId("c-1"), new OperatorId("anna"), true);
            staged.mute(new CallId("c-1"), new OperatorId("anna"), true);
            assertThat(told).containsExactly("hold c-1 true", "mute c-1 true");
            events.close();
        }
    }
}
