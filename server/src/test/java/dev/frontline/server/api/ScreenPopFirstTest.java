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
}
