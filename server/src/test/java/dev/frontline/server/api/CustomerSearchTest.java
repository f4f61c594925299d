package dev.frontline.server.api;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.AuditLog;
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

/** Issue 20 item 4: a search is not a way to read every customer, and tickets are worked on their own line. */
class CustomerSearchTest extends ApiOnDiskTest {

    private void addCustomers(int n) {
        for (int i = 0; i < n; i++) {
            server.directory.add(new Customer(new CustomerId(100 + i), "C-2" + String.format("%03d", i),
                    "Petras Petraitis " + i, Optional.of("+3706200" + String.format("%04d", i)), List.of(),
                    "p" + i + "@example.com", "Gedimino pr. " + i, "Vilnius", "Fiber 100", List.of("internet"),
                    "active", Language.EN, "p" + i, Optional.empty()));
        }
    }

    @Test
    void aShortOrVagueQueryIsRefusedAndGrantsNothing() {
        start();
        addCustomers(30);
        String anna = server.client.login("anna", "secret");

        for (String q : List.of("jo", "ab", "62", "+37", "a1b2", "%25%25")) {
            DeskClient.Reply r = server.client.get("/api/customers?q=" + q, anna);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.body()).as(q).contains("\"field\":\"q\"");
        }
        assertThat(server.client.get("/api/customers/100", anna).status()).isEqualTo(403);
    }

    @Test
    void aSearchFindsByFullNumberContractOrThreeLettersAndReturnsAtMostAPage() {
        start();
        addCustomers(30);
        String anna = server.client.login("anna", "secret");

        DeskClient.Reply page = server.client.get("/api/customers?q=pet", anna);
        assertThat(page.json()).hasSize(CustomerSearch.PAGE);
        java.util.Set<Long> shown = new java.util.HashSet<>();
        page.json().forEach(c -> shown.add(c.get("id").asLong()));
        long notShown = java.util.stream.LongStream.range(100, 130).filter(id -> !shown.contains(id) && id != 107 && id != 112).findFirst()
                .orElseThrow();
        assertThat(server.client.get("/api/customers?q=C-2007", anna).json())
                .singleElement().satisfies(c -> assertThat(c.get("name").asText()).isEqualTo("Petras Petraitis 7"));
        assertThat(server.client.get("/api/customers?q=%2B370%2062000012", anna).json())
                .singleElement().satisfies(c -> assertThat(c.get("name").asText()).isEqualTo("Petras Petraitis 12"));
        // the e-mail domain is not a name: "example" matches no one's name
        assertThat(server.client.get("/api/customers?q=example", anna).json()).isEmpty();
        assertThat(server.client.get("/api/customers/112", anna).status()).isEqualTo(200);
        assertThat(server.client.get("/api/customers/" + notShown, anna).status()).isEqualTo(403);
    }

    @Test
    void searchesAreLimitedPerOperatorAndRecorded() {
        start();
        addCustomers(3);
        String anna = server.client.login("anna", "secret");
        String boris = server.client.login("boris", "secret");

        for (int i = 0; i < ApiServer.SEARCHES_PER_MINUTE; i++) {
            assertThat(server.client.get("/api/customers?q=petras", anna).status()).isEqualTo(200);
        }
        DeskClient.Reply over = server.client.get("/api/customers?q=petras", anna);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body()).contains("too many customer searches");
        assertThat(server.client.get("/api/customers?q=petras", boris).status()).isEqualTo(200); // per operator
        clock.advance(Duration.ofSeconds(61));
        assertThat(server.client.get("/api/customers?q=petras", anna).status()).isEqualTo(200);

        List<AuditLog.Entry> recorded = new AuditLog(server.db, clock).recent(100);
        assertThat(recorded).filteredOn(e -> e.action().equals("customer-search") && e.actor().equals("anna"))
                .hasSize(ApiServer.SEARCHES_PER_MINUTE + 1)
                .allSatisfy(e -> assertThat(e.subject()).isEqualTo("petras"))
                .allSatisfy(e -> assertThat(e.detail()).isEqualTo("name: 3 found"));
    }

    @Test
    void aLineOneOperatorWhoFoundALineTwoTicketMayReadAndNoteItButNotCloseTakeOrEscalateIt() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket lineTwo = tickets.open(Optional.of(new CustomerId(1)), Optional.empty(), "Static IP", Optional.empty(),
                Tier.LINE2, 2, "boris");
        Ticket lineOne = tickets.open(Optional.of(new CustomerId(1)), Optional.empty(), "Slow line", Optional.empty(),
                Tier.LINE1, 2, "boris");
        String anna = server.client.login("anna", "secret");
        assertThat(server.client.get("/api/customers?q=C-1001", anna).status()).isEqualTo(200);
        assertThat(server.client.get("/api/tickets/" + lineTwo.id().value(), anna).status()).isEqualTo(200);

        DeskClient.Socket ws = server.client.connect(anna);
        try {
            ws.await(ServerMessage.Welcome.class, 5);
            String t2 = lineTwo.id().value();
            for (ClientMessage m : List.of(new ClientMessage.CloseTicket(ws.nextId(), t2, "done"),
                    new ClientMessage.TakeTicket(ws.nextId(), t2),
                    new ClientMessage.EscalateTicket(ws.nextId(), t2, Tier.LINE3, "up"))) {
                assertThat(ws.reply(ws.send(m))).as(m.getClass().getSimpleName())
                        .isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> {
                            assertThat(e.code()).isEqualTo("forbidden");
                            assertThat(e.message()).contains("line2");
                        });
            }
            assertThat(ws.reply(ws.send(new ClientMessage.AddNote(ws.nextId(), t2, "customer called again"))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(ws.reply(ws.send(new ClientMessage.CloseTicket(ws.nextId(), lineOne.id().value(), "fixed"))))
                    .isInstanceOf(ServerMessage.Ack.class);
        } finally {
            ws.close();
        }
        assertThat(tickets.find(lineTwo.id()).orElseThrow().isOpen()).isTrue();
    }
}
