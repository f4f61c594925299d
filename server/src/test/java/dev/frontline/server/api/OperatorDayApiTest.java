package dev.frontline.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 item 9, over real loopback HTTP and WebSocket: the desk's dispositions and callback times at login, a
 * disposition the desk does not list refused, "my calls today" (only one's own), callbacks changes pushed live.
 */
class OperatorDayApiTest {
    @TempDir
    Path dir;
    MutableClock clock;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        f = new ApiFixture(dir, clock, Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theLoginCarriesTheDesksDispositionsAndCallbackTimes() {
        Views.LoginResponse body = http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"secret\"}")
                .as(Views.LoginResponse.class);

        assertThat(body.desk()).isEqualTo(new Views.DeskSettings(
                List.of("resolved", "ticket", "escalated", "callback", "sale", "no-action"),
                List.of(new Views.CallbackTime(60L, null), new Views.CallbackTime(180L, null),
                        new Views.CallbackTime(null, "09:00")), "Z")); // the fixture's desk runs on UTC
    }

    @Test
    void myCallsListTheCallsIAnsweredWithTicketAndDispositionAndNoOneElses() throws Exception {
        String annaToken = http.login("anna", "secret");
        DeskClient.Socket anna = http.connect(annaToken);
        anna.await(ServerMessage.Welcome.class, 5);
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
        String tester = http.login("sue", "secret");
        String callId = http.post("/api/sim/calls", tester, "{\"from\":\"+37061111111\"}").as(Views.PhoneCallAnswer.class).callId();
        http.post("/api/sim/calls/" + callId + "/input", tester, "{\"digits\":\"1\"}");
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 5);
        assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()))))
                .isInstanceOf(ServerMessage.Ack.class);
        anna.await(ServerMessage.CallConnected.class, 5);
        // the real ACD appends its events to the store's log, which keeps the calls row's answer; the fake one does not
        new JdbcAcdEventLog(f.db).append(List.of(new AcdEvent.CallAnswered(new CallId(pop.callId()),
                new OperatorId("anna"), clock.instant())));
        ServerMessage.Ack ticket = (ServerMessage.Ack) anna.reply(anna.send(new ClientMessage.CreateTicket(anna.nextId(),
                pop.callId(), null, "No internet", null)));

        ServerMessage refused = anna.reply(anna.send(new ClientMessage.SetDisposition(anna.nextId(), pop.callId(), "made-up")));
        assertThat(refused).isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> {
            assertThat(e.code()).isEqualTo("invalid");
            assertThat(e.message()).contains("'made-up'", "desk.dispositions", "no-action");
        });
        assertThat(anna.reply(anna.send(new ClientMessage.SetDisposition(anna.nextId(), pop.callId(), "resolved"))))
                .isInstanceOf(ServerMessage.Ack.class);

        Instant today = Instant.parse("2026-03-02T00:00:00Z");
        List<Views.MyCall> mine = DeskClient.JSON.readValue(http.get("/api/me/calls?from=" + today, annaToken).body(),
                new TypeReference<>() {});
        assertThat(mine).hasSize(1);
        Views.MyCall call = mine.get(0);
        assertThat(call.callId()).isEqualTo(pop.callId());
        assertThat(call.answeredAt()).isEqualTo(clock.instant());
        assertThat(call.customerName()).isEqualTo("Jonas Jonaitis");
        assertThat(call.ticketId()).isEqualTo(ticket.detail());
        assertThat(call.disposition()).isEqualTo("resolved");
        assertThat(call.intent()).isEqualTo("technical");

        String borisToken = http.login("boris", "secret");
        assertThat(http.get("/api/me/calls?from=" + today, borisToken).body()).isEqualTo("[]");
        assertThat(http.get("/api/me/calls?from=" + today.plus(Duration.ofDays(1)), annaToken).body())
                .as("none answered since tomorrow").isEqualTo("[]");
        DeskClient.Reply bad = http.get("/api/me/calls?from=today", annaToken);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("from");
        assertThat(http.get("/api/me/calls?from=" + today, null).status()).isEqualTo(401);
    }

    @Test
    void aCallbackChangeIsPushedToEveryDeskToReadTheListAgain() throws Exception {
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));
        DeskClient.Socket boris = http.connect(http.login("boris", "secret"));
        anna.await(ServerMessage.Welcome.class, 5);
        boris.await(ServerMessage.Welcome.class, 5);

        f.api.events().accept(new AcdEvent.CallbackAnswered(new CallbackId(7), "cb-7-1", new OperatorId("boris"),
                clock.instant()));

        assertThat(anna.await(ServerMessage.CallbacksChanged.class, 5)).isNotNull();
        assertThat(boris.await(ServerMessage.CallbacksChanged.class, 5)).isNotNull();
    }

    /** The wallboard's Tickets window: supervisors assign a ticket to an operator of its line; audited; nobody else. */
    @Test
    void aSupervisorAssignsATicketToAnOperatorWhoSeesItAsTheirsAndOperatorsMayNot() throws Exception {
        String sueToken = http.login("sue", "secret");
        DeskClient.Socket sue = http.connect(sueToken);
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));
        sue.await(ServerMessage.Welcome.class, 5);
        anna.await(ServerMessage.Welcome.class, 5);
        String ticket = ((ServerMessage.Ack) sue.reply(sue.send(new ClientMessage.CreateTicket(sue.nextId(), null, 1L,
                "Router keeps rebooting", null)))).detail();

        ServerMessage denied = anna.reply(anna.send(new ClientMessage.AssignTicket(anna.nextId(), ticket, "anna")));
        assertThat(denied).isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        ServerMessage nobody = sue.reply(sue.send(new ClientMessage.AssignTicket(sue.nextId(), ticket, "nobody")));
        assertThat(nobody).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                e -> assertThat(e.message()).contains("'nobody' is not an active operator"));
        ServerMessage toSupervisor = sue.reply(sue.send(new ClientMessage.AssignTicket(sue.nextId(), ticket, "sue")));
        assertThat(toSupervisor).isInstanceOf(ServerMessage.ErrorReply.class);

        assertThat(sue.reply(sue.send(new ClientMessage.AssignTicket(sue.nextId(), ticket, "boris"))))
                .isInstanceOf(ServerMessage.Ack.class);

        Views.LineTickets borisList = http.get("/api/tickets", http.login("boris", "secret")).as(Views.LineTickets.class);
        assertThat(borisList.tickets()).filteredOn(t -> t.ticket().ticketId().equals(ticket))
                .extracting(Views.LineTicket::takenBy).containsExactly("boris");
        Views.TicketDetail detail = http.get("/api/tickets/" + ticket, sueToken).as(Views.TicketDetail.class);
        assertThat(detail.notes()).filteredOn(n -> n.kind().equals("taken"))
                .extracting(Views.TicketNote::author, Views.TicketNote::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("boris", "assigned on line1 by sue"));
        assertThat(http.get("/api/audit?action=assign-ticket&actor=sue", sueToken).body())
                .contains(ticket).contains("to boris");
        assertThat(http.get("/api/audit?action=assign-ticket", sueToken).body()).doesNotContain("nobody");

        // a ticket passed on to line 3 cannot go to boris, who works line 1 only
        sue.reply(sue.send(new ClientMessage.EscalateTicket(sue.nextId(), ticket, dev.frontline.core.common.Tier.LINE3, null)));
        ServerMessage wrongLine = sue.reply(sue.send(new ClientMessage.AssignTicket(sue.nextId(), ticket, "boris")));
        assertThat(wrongLine).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                e -> assertThat(e.message()).contains("boris does not work line3"));
    }
}
