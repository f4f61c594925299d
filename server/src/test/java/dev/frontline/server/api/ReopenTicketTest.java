package dev.frontline.server.api;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reopen-ticket} over the real desktop API: an operator of the ticket's line or a supervisor reopens a closed
 * ticket with a reason (history, audit); anyone else, an open ticket or no reason is refused and changes nothing.
 */
class ReopenTicketTest extends ApiOnDiskTest {

    @Test
    void anOperatorOfTheLineReopensAClosedTicketWithAReasonAndItIsAudited() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket t = tickets.open(Optional.of(new CustomerId(1)), Optional.empty(), "No TV signal", Optional.empty(),
                Tier.LINE1, 1, "anna");
        tickets.close(t.id(), "anna", "reloaded the channel list");
        clock.advance(Duration.ofDays(1));
        String anna = server.client.login("anna", "secret");
        assertThat(server.client.get("/api/customers?q=C-1001", anna).status()).isEqualTo(200); // she may read it now
        String eric = server.client.login("eric", "secret");
        assertThat(server.client.get("/api/customers?q=C-1001", eric).status()).isEqualTo(200);

        DeskClient.Socket e = server.client.connect(eric);
        DeskClient.Socket a = server.client.connect(anna);
        try {
            e.await(ServerMessage.Welcome.class, 5);
            a.await(ServerMessage.Welcome.class, 5);
            // eric reads the ticket (his customer) but works line 3, not line 1
            String id = e.send(new ClientMessage.ReopenTicket(e.nextId(), t.id().value(), "still no signal"));
            assertThat(e.reply(id)).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                    r -> assertThat(r.code()).isEqualTo("forbidden"));
            id = a.send(new ClientMessage.ReopenTicket(a.nextId(), t.id().value(), "  "));
            assertThat(a.reply(id)).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                    r -> assertThat(r.code()).isEqualTo("missing-field"));
            assertThat(tickets.find(t.id()).orElseThrow().isOpen()).as("nothing changed by the refusals").isFalse();

            id = a.send(new ClientMessage.ReopenTicket(a.nextId(), t.id().value(), "the customer calls: no signal again"));
            assertThat(a.reply(id)).isInstanceOfSatisfying(ServerMessage.Ack.class,
                    r -> assertThat(r.detail()).isEqualTo(t.id().value()));
            id = a.send(new ClientMessage.ReopenTicket(a.nextId(), t.id().value(), "twice"));
            assertThat(a.reply(id)).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                    r -> assertThat(r.message()).contains("is open"));
        } finally {
            e.close();
            a.close();
        }
        Views.TicketDetail d = server.client.get("/api/tickets/" + t.id().value(), anna).as(Views.TicketDetail.class);
        assertThat(d.ticket().state()).isEqualTo("open");
        assertThat(d.ticket().dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(d.notes()).last().extracting(Views.TicketNote::author, Views.TicketNote::kind, Views.TicketNote::text)
                .containsExactly("anna", "state", "reopened: the customer calls: no signal again");
        assertThat(new AuditLog(server.db, clock).search(new AuditLog.Search(null, "ticket-reopen", null, null, null), 10))
                .extracting(AuditLog.Entry::actor, AuditLog.Entry::subject, AuditLog.Entry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anna", t.id().value(),
                        "the customer calls: no signal again"));
        // back on line 1's work list
        assertThat(server.client.get("/api/tickets", anna).as(Views.LineTickets.class).tickets())
                .extracting(x -> x.ticket().ticketId()).contains(t.id().value());
    }

    @Test
    void aSupervisorReopensATicketOfAnyLine() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket t = tickets.open(Optional.empty(), Optional.empty(), "Fibre cut", Optional.empty(), Tier.LINE3, 1, "eric");
        tickets.close(t.id(), "eric", "spliced");
        String sue = server.client.login("sue", "secret");
        DeskClient.Socket s = server.client.connect(sue);
        try {
            s.await(ServerMessage.Welcome.class, 5);
            String id = s.send(new ClientMessage.ReopenTicket(s.nextId(), t.id().value(), "the splice failed"));
            assertThat(s.reply(id)).isInstanceOf(ServerMessage.Ack.class);
            id = s.send(new ClientMessage.ReopenTicket(s.nextId(), "FL-999999", "x"));
            assertThat(s.reply(id)).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                    r -> assertThat(r.code()).isEqualTo("not-found"));
        } finally {
            s.close();
        }
        Ticket now = tickets.find(t.id()).orElseThrow();
        assertThat(now.isOpen()).isTrue();
        assertThat(now.tier()).isEqualTo(Tier.LINE3);
        assertThat(new AuditLog(server.db, clock).search(new AuditLog.Search("sue", "ticket-reopen", t.id().value(), null,
                null), 10)).hasSize(1);
    }
}
