package dev.frontline.server.api;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Line 2 and 3 work tickets no call of theirs brought: each line's open tickets, most urgent first. */
class LineTicketsTest extends ApiOnDiskTest {

    @Test
    void anEngineerListsItsLinesOpenTicketsMostUrgentFirstAndWorksThem() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket lineOne = tickets.open(Optional.of(new CustomerId(1)), Optional.empty(), "Router blinks red",
                Optional.empty(), Tier.LINE1, 1, "anna");
        clock.advance(Duration.ofHours(1));
        Ticket older = tickets.open(Optional.of(new CustomerId(1)), Optional.empty(), "Fibre cut in the yard",
                Optional.empty(), Tier.LINE3, 1, "anna");
        clock.advance(Duration.ofHours(1)); // line 3's clock starts now for the escalated one: due after the older
        Ticket escalated = tickets.escalate(lineOne.id(), Optional.of(Tier.LINE3), "anna", "needs an engineer");
        clock.advance(Duration.ofMinutes(1));
        Ticket newer = tickets.open(Optional.empty(), Optional.empty(), "Packet loss at night", Optional.empty(),
                Tier.LINE3, 2, "boris");
        Ticket done = tickets.open(Optional.empty(), Optional.empty(), "Old fault", Optional.empty(), Tier.LINE3, 3, "anna");
        tickets.close(done.id(), "anna", "fixed");
        String eric = server.client.login("eric", "secret");
        // not listed yet: the ticket is not one of eric's customers'
        assertThat(server.client.get("/api/tickets/" + newer.id().value(), eric).status()).isEqualTo(403);

        Views.LineTickets list = server.client.get("/api/tickets", eric).as(Views.LineTickets.class);

        assertThat(list.lines()).containsExactly("LINE3");
        // earliest due first (due = 24 h after reaching line 3), not first opened
        assertThat(list.tickets()).extracting(t -> t.ticket().ticketId())
                .containsExactly(older.id().value(), escalated.id().value(), newer.id().value());
        Views.LineTicket first = list.tickets().get(0);
        assertThat(first.customerName()).isEqualTo("Jonas Jonaitis");
        assertThat(first.customerId()).isEqualTo(1L);
        assertThat(first.priority()).isEqualTo(1);
        assertThat(first.ticket().dueAt()).isEqualTo(older.dueAt());
        assertThat(list.tickets().get(2).customerName()).isNull();

        // listed: eric may read, note and resolve them
        assertThat(server.client.get("/api/tickets/" + newer.id().value(), eric).status()).isEqualTo(200);
        assertThat(server.client.get("/api/customers/1", eric).status()).isEqualTo(200);
        DeskClient.Socket ws = server.client.connect(eric);
        try {
            ws.await(ServerMessage.Welcome.class, 5);
            String id = ws.send(new ClientMessage.AddNote(ws.nextId(), newer.id().value(), "Checked the OLT: CRC errors"));
            assertThat(ws.reply(id)).isInstanceOf(ServerMessage.Ack.class);
            id = ws.send(new ClientMessage.CloseTicket(ws.nextId(), newer.id().value(), "Replaced the SFP"));
            assertThat(ws.reply(id)).isInstanceOf(ServerMessage.Ack.class);
        } finally {
            ws.close();
        }
        assertThat(server.client.get("/api/tickets", eric).as(Views.LineTickets.class).tickets())
                .extracting(t -> t.ticket().ticketId()).containsExactly(older.id().value(), escalated.id().value());
    }

    @Test
    void anEngineerTakesATicketTheLineSeesWhoHasItAndAnEscalationHandsItOnUntaken() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket lineTwo = tickets.open(Optional.empty(), Optional.empty(), "Static IP", Optional.empty(), Tier.LINE2, 2, "anna");
        tickets.take(lineTwo.id(), "boris"); // line 2 had it
        tickets.escalate(lineTwo.id(), Optional.of(Tier.LINE3), "boris", "needs the core router");
        Ticket fibre = tickets.open(Optional.empty(), Optional.empty(), "Fibre cut", Optional.empty(), Tier.LINE3, 1, "anna");
        String eric = server.client.login("eric", "secret");

        assertThat(server.client.get("/api/tickets", eric).as(Views.LineTickets.class).tickets())
                .extracting(Views.LineTicket::takenBy).containsOnlyNulls(); // handed on untaken

        DeskClient.Socket ws = server.client.connect(eric);
        try {
            ws.await(ServerMessage.Welcome.class, 5);
            String id = ws.send(new ClientMessage.TakeTicket(ws.nextId(), lineTwo.id().value()));
            assertThat(ws.reply(id)).isInstanceOf(ServerMessage.Ack.class);
            tickets.close(fibre.id(), "anna", "spliced");
            id = ws.send(new ClientMessage.TakeTicket(ws.nextId(), fibre.id().value()));
            assertThat(ws.reply(id)).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                    e -> assertThat(e.message()).contains("closed"));
        } finally {
            ws.close();
        }
        List<Views.LineTicket> listed = server.client.get("/api/tickets", eric).as(Views.LineTickets.class).tickets();
        assertThat(listed).extracting(t -> t.ticket().ticketId(), Views.LineTicket::takenBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(lineTwo.id().value(), "eric"));
        assertThat(server.client.get("/api/tickets/" + lineTwo.id().value(), eric).as(Views.TicketDetail.class).takenBy())
                .isEqualTo("eric");
        assertThat(server.client.get("/api/tickets/" + lineTwo.id().value(), eric).as(Views.TicketDetail.class).notes())
                .extracting(Views.TicketNote::author, Views.TicketNote::kind).containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("boris", "taken"),
                        org.assertj.core.groups.Tuple.tuple("boris", "escalation"),
                        org.assertj.core.groups.Tuple.tuple("eric", "taken"));
    }

    @Test
    void operatorsSeeOnlyTheirOwnLinesAndSupervisorsAll() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket one = tickets.open(Optional.empty(), Optional.empty(), "Slow line", Optional.empty(), Tier.LINE1, 2, "anna");
        Ticket three = tickets.open(Optional.empty(), Optional.empty(), "Fibre cut", Optional.empty(), Tier.LINE3, 1, "anna");
        String anna = server.client.login("anna", "secret");

        assertThat(server.client.get("/api/tickets", anna).as(Views.LineTickets.class).tickets())
                .extracting(t -> t.ticket().ticketId()).containsExactly(one.id().value());
        DeskClient.Reply notMine = server.client.get("/api/tickets?line=line3", anna);
        assertThat(notMine.status()).isEqualTo(403);
        assertThat(notMine.body()).contains("line3");
        assertThat(server.client.get("/api/tickets/" + three.id().value(), anna).status()).isEqualTo(403);
        DeskClient.Reply bad = server.client.get("/api/tickets?line=4", anna);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("line").contains("'4'");

        String sue = server.client.login("sue", "secret");
        assertThat(server.client.get("/api/tickets", sue).as(Views.LineTickets.class).tickets())
                .extracting(t -> t.ticket().ticketId()).containsExactly(one.id().value(), three.id().value());
        Views.LineTickets lineThree = server.client.get("/api/tickets?line=LINE3", sue).as(Views.LineTickets.class);
        assertThat(lineThree.lines()).containsExactly("LINE3");
        assertThat(lineThree.tickets()).extracting(t -> t.ticket().ticketId()).containsExactly(three.id().value());
    }
}
