package dev.frontline.server;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 / ADR 0147 on the simulated line, through the desktop API: an operator talking to a callback customer holds
 * them, transfers them to line 2 (the line-2 operator's pop names the customer, the ticket and who passed it) or
 * consults a colleague; the customer hanging up ends the callback once. Each was refused before ("the call is not
 * offered to or connected with an operator").
 */
class SimCallbackCallControlTest {
    @TempDir
    Path dir;

    /** anna (line 1) talks with callback customer Ona; piotr (line 2) is ready; marta (line 1) signed in, on a break. */
    private record CallbackDesk(FrontlineServer server, DeskClient http, String annaToken, DeskClient.Socket anna,
                                DeskClient.Socket piotr, DeskClient.Socket marta, String attempt, long customerId,
                                String ticket, Path db) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private CallbackDesk annaTalksToACallbackCustomer(String dbName) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\n", "test", Map.of());
        Path db = dir.resolve(dbName);
        try (Stores stores = DemoStore.open(config, db, clock)) {
            String hash = stores.slowHash().hash("pw".toCharArray());
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(
                        new NewOperator("anna", "Anna", hash, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                                Set.of(Intent.values()), Set.of(Language.values()), "sim:anna", Optional.empty()),
                        new NewOperator("piotr", "Piotr", hash, Operator.Role.OPERATOR, Set.of(Tier.LINE2),
                                Set.of(Intent.values()), Set.of(Language.values()), "sim:piotr", Optional.empty()),
                        new NewOperator("marta", "Marta", hash, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                                Set.of(Intent.values()), Set.of(Language.values()), "sim:marta", Optional.empty())));
                stores.customers().insertAll(c, List.of(new dev.frontline.core.customer.NewCustomer("5550101",
                        "Ona Petraitė", Optional.of("+37061111111"), List.of(), "", "Gedimino 1", "Vilnius-1",
                        "Fiber 300", List.of("internet"), "active", Language.LT, "ona", Optional.empty())));
                return null;
            });
        }
        FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.demo(db).withPort(0)
                .withTraffic(false, Optional.empty()), clock);
        DeskClient http = new DeskClient(server.port());
        String annaToken = http.login("anna", "pw");
        DeskClient.Socket anna = http.connect(annaToken);
        DeskClient.Socket piotr = http.connect(http.login("piotr", "pw"));
        DeskClient.Socket marta = http.connect(http.login("marta", "pw"));
        marta.reply(marta.send(new ClientMessage.SetState(marta.nextId(), OperatorState.BREAK, "lunch")));
        piotr.reply(piotr.send(new ClientMessage.SetState(piotr.nextId(), OperatorState.READY, null)));
        long customer = http.get("/api/customers?q=5550101", annaToken).json().get(0).get("id").asLong();
        assertThat(anna.reply(anna.send(new ClientMessage.ScheduleCallback(anna.nextId(), customer, null, null, null,
                "router drops every hour")))).isInstanceOf(ServerMessage.Ack.class);
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
        ServerMessage.CallbackOffer offer = anna.await(ServerMessage.CallbackOffer.class, 10);
        String attempt = offer.attemptId();
        assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), attempt))))
                .isInstanceOf(ServerMessage.Ack.class);
        assertThat(anna.await(ServerMessage.CallConnected.class, 5).callId()).isEqualTo(attempt);
        String ticket = ((ServerMessage.Ack) anna.reply(anna.send(new ClientMessage.CreateTicket(anna.nextId(), attempt,
                customer, "Router drops every hour", Tier.LINE1)))).detail();
        return new CallbackDesk(server, http, annaToken, anna, piotr, marta, attempt, customer, ticket, db);
    }

    @Test
    void aCallbackCustomerIsHeldThenTransferredToLineTwoWhoseOperatorSeesWhoPassedItAndTheTicket() throws Exception {
        try (CallbackDesk d = annaTalksToACallbackCustomer("cb-transfer.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String attempt = d.attempt();

            assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, true))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isTrue();
            assertThat(anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, false))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isFalse();

            assertThat(anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), attempt, null, Tier.LINE2))))
                    .isInstanceOf(ServerMessage.Ack.class);

            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(attempt);
            ServerMessage.ScreenPop pop = piotr.await(ServerMessage.ScreenPop.class, 10);
            assertThat(pop.callId()).isEqualTo(attempt);
            assertThat(pop.customer()).isNotNull();
            assertThat(pop.customer().id()).isEqualTo(d.customerId());
            assertThat(pop.callingNumber()).isEqualTo("+37061111111");
            assertThat(pop.ticketId()).as("the callback's ticket goes with it").isEqualTo(d.ticket());
            assertThat(pop.transferredBy().from()).isEqualTo("anna");
            assertThat(d.http().get("/api/tickets/" + d.ticket(), d.annaToken()).json().get("ticket").get("tier")
                    .asText()).isEqualTo("line2");
            assertThat(piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), attempt))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(piotr.await(ServerMessage.CallConnected.class, 5).callId()).isEqualTo(attempt);
            assertThat(piotr.reply(piotr.send(new ClientMessage.HangUpCall(piotr.nextId(), attempt))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(piotr.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(attempt);

            assertThat(rows(d, "SELECT type, operator_login FROM call_events WHERE call_id = '" + attempt
                    + "' AND type IN ('CallHeld', 'CallResumed', 'CallTransferred', 'CallAnswered', 'CallEnded')"
                    + " ORDER BY seq")).containsExactly(List.of("CallHeld", "anna"), List.of("CallResumed", "anna"),
                    List.of("CallTransferred", "anna"), List.of("CallAnswered", "piotr"), List.of("CallEnded", "piotr"));
            assertThat(rows(d, "SELECT state, attempts FROM callbacks")).containsExactly(List.of("done", "1"));
        }
    }

    @Test
    void aCallbackCustomerIsPassedToANamedColleagueWithTheNote() throws Exception {
        try (CallbackDesk d = annaTalksToACallbackCustomer("cb-named.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket marta = d.marta();
            marta.reply(marta.send(new ClientMessage.SetState(marta.nextId(), OperatorState.READY, null)));

            assertThat(anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), d.attempt(), null, null,
                    "marta", "wants the tariff explained")))).isInstanceOf(ServerMessage.Ack.class);

            ServerMessage.ScreenPop pop = marta.await(ServerMessage.ScreenPop.class, 10);
            assertThat(pop.callId()).isEqualTo(d.attempt());
            assertThat(pop.transferredBy().from()).isEqualTo("anna");
            assertThat(pop.transferredBy().note()).isEqualTo("wants the tariff explained");
            assertThat(marta.reply(marta.send(new ClientMessage.AcceptCall(marta.nextId(), d.attempt()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            marta.await(ServerMessage.CallConnected.class, 5);
        }
    }

    @Test
    void aConsultationAboutACallbackCustomerCompletesAndTheCustomerHangingUpEndsTheCallbackOnce() throws Exception {
        try (CallbackDesk d = annaTalksToACallbackCustomer("cb-consult.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String attempt = d.attempt();

            // piotr declines first: the customer is back with anna
            assertThat(anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), attempt, "piotr", null,
                    "router")))).isInstanceOf(ServerMessage.Ack.class);
            assertThat(piotr.await(ServerMessage.ScreenPop.class, 10).transferredBy().consult()).isTrue();
            assertThat(piotr.reply(piotr.send(new ClientMessage.HangUpCall(piotr.nextId(), attempt))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consult(anna, "ended").outcome()).isEqualTo("not-answered");
            piotr.reply(piotr.send(new ClientMessage.SetState(piotr.nextId(), OperatorState.READY, null)));

            // then answers and takes the customer
            anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), attempt, null, Tier.LINE2, null)));
            ServerMessage.ScreenPop pop = piotr.await(ServerMessage.ScreenPop.class, 10);
            assertThat(pop.customer().id()).isEqualTo(d.customerId());
            piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), attempt)));
            consult(anna, "talking");
            assertThat(anna.reply(anna.send(new ClientMessage.CompleteTransfer(anna.nextId(), attempt))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consult(anna, "ended").outcome()).isEqualTo("completed");
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(attempt);

            // the customer hangs up: piotr's call ends, the callback stays done (no retry)
            // (a callback's customer has no test phone: the line hears their hang-up as a PBX would report it)
            d.server().sim().orElseThrow().input(new dev.frontline.core.common.CallId(attempt),
                    new dev.frontline.core.call.CallerInput.HungUp());
            assertThat(piotr.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(attempt);
            assertThat(rows(d, "SELECT state, attempts FROM callbacks")).containsExactly(List.of("done", "1"));
            assertThat(rows(d, "SELECT count(*) FROM callback_attempts")).containsExactly(List.of("1"));
        }
    }

    /**
     * Issue 21: the operator whose callback customer answers gets the customer's pop, as for a queued caller (the desk's
     * left pane said "No call" for the whole conversation: the customer was only in a banner); a desk that reconnects
     * mid-conversation gets it back in its Welcome, connected.
     */
    @Test
    void theOperatorGetsTheCallbackCustomersPopWhenTheyAnswerAndBackOnReconnecting() throws Exception {
        try (CallbackDesk d = annaTalksToACallbackCustomer("cb-pop.db")) {
            ServerMessage.ScreenPop pop = d.anna().await(ServerMessage.ScreenPop.class, 5);
            assertThat(pop.callId()).isEqualTo(d.attempt());
            assertThat(pop.customer()).isNotNull();
            assertThat(pop.customer().id()).isEqualTo(d.customerId());
            assertThat(pop.customer().name()).isEqualTo("Ona Petraitė");
            assertThat(pop.callingNumber()).isEqualTo("+37061111111");
            assertThat(pop.trail()).isNotNull();
            assertThat(pop.trail().tier()).isEqualTo("line1");

            DeskClient.Socket again = d.http().connect(d.annaToken());
            ServerMessage.Welcome w = again.await(ServerMessage.Welcome.class, 5);
            assertThat(w.current()).isNotNull();
            assertThat(w.current().callId()).isEqualTo(d.attempt());
            assertThat(w.callPhase()).isEqualTo("connected");
        }
    }

    /**
     * Issue 21: a held callback call counts its holds and held time on its answered attempt as a queued caller's call
     * does on its {@code calls} row (before: nothing was kept but the {@code CallResumed} events).
     */
    @Test
    void theHoldsAndHeldTimeOfACallbackCallAreKeptOnItsAnsweredAttempt() throws Exception {
        try (CallbackDesk d = annaTalksToACallbackCustomer("cb-held.db")) {
            DeskClient.Socket anna = d.anna();
            String attempt = d.attempt();
            for (int i = 0; i < 2; i++) {
                anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, true)));
                assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isTrue();
                anna.reply(anna.send(new ClientMessage.HoldCall(anna.nextId(), attempt, false)));
                assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isFalse();
            }
            anna.reply(anna.send(new ClientMessage.HangUpCall(anna.nextId(), attempt)));
            anna.await(ServerMessage.CallFinished.class, 5);

            List<List<String>> events = rows(d, "SELECT type, payload FROM call_events WHERE call_id = '" + attempt
                    + "' AND type IN ('CallHeld', 'CallResumed') ORDER BY seq");
            assertThat(events).extracting(r -> r.get(0))
                    .containsExactly("CallHeld", "CallResumed", "CallHeld", "CallResumed");
            long held = 0; // each resume's heldFor in whole milliseconds, as the calls row of a queued caller sums them
            for (List<String> e : events) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"heldFor\":\"([^\"]+)\"").matcher(e.get(1));
                if (m.find()) held += Duration.parse(m.group(1)).toMillis();
            }
            assertThat(rows(d, "SELECT outcome, holds, held_ms FROM callback_attempts"))
                    .containsExactly(List.of("answered", "2", Long.toString(held)));
        }
    }

    private static ServerMessage.ConsultChanged consult(DeskClient.Socket desk, String state) throws Exception {
        for (int i = 0; i < 10; i++) {
            ServerMessage.ConsultChanged m = desk.await(ServerMessage.ConsultChanged.class, 10);
            if (m.stage().equals(state)) {
                return m;
            }
        }
        throw new AssertionError("no consult " + state);
    }

    /** Rows of the desk's store (the ACD logs its events before the desks hear of them). */
    private static List<List<String>> rows(CallbackDesk d, String sql) {
        return dev.frontline.server.testing.StoreRows.of(d.db(), sql);
    }
}
