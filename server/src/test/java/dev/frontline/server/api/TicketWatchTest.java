package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
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

/** Supervisors are alerted once when an open ticket passes its line's target; resolved tickets never. */
class TicketWatchTest extends ApiOnDiskTest {

    @Test
    void aSupervisorHearsOnceOfEachOpenTicketPassingItsLinesTarget() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket lineOne = tickets.open(Optional.empty(), Optional.empty(), "No internet", Optional.empty(), Tier.LINE1, 1, "anna");
        Ticket lineTwo = tickets.open(Optional.empty(), Optional.empty(), "Slow line", Optional.empty(), Tier.LINE2, 2, "anna");
        Ticket resolved = tickets.open(Optional.empty(), Optional.empty(), "TV remote", Optional.empty(), Tier.LINE1, 3, "anna");
        tickets.close(resolved.id(), "anna", "new batteries");
        DeskClient.Socket sue = server.client.connect(server.client.login("sue", "secret"));
        try {
            sue.await(ServerMessage.Welcome.class, 5);

            clock.advance(Duration.ofMinutes(6)); // line 1's 5 min passed, line 2's 10 min not yet
            server.api.watchTickets();
            Views.Alert first = sue.await(ServerMessage.Alert.class, 5).alert();
            assertThat(first.kind()).isEqualTo("ticket-overdue");
            assertThat(first.ticketId()).isEqualTo(lineOne.id().value());
            assertThat(first.tier()).isEqualTo("line1");
            assertThat(first.limitSeconds()).isEqualTo(300L);
            assertThat(first.at()).isEqualTo(lineOne.dueAt());
            assertThat(first.text()).isEqualTo("Ticket " + lineOne.id().value() + " (line 1) passed its 5 min target: No internet");

            server.api.watchTickets(); // nothing new since
            clock.advance(Duration.ofMinutes(5));
            server.api.watchTickets();
            List<ServerMessage> later = sue.drain(500);
            assertThat(later).filteredOn(ServerMessage.Alert.class::isInstance)
                    .extracting(m -> ((ServerMessage.Alert) m).alert().ticketId())
                    .containsExactly(lineTwo.id().value());
        } finally {
            sue.close();
        }
    }

    @Test
    void afterARestartTheTicketsThatPassedTheirTargetMeanwhileAreAlertedUpToAnHourBack() throws Exception {
        // a store of its own: the running API's sweeper must not move the mark while this test plays the restart
        try (Database db = Database.sqlite(dir.resolve("restart.db"))) {
            TicketService tickets = new TicketService(new JdbcTicketStore(db), clock, Targets.DEFAULTS);
            DeskQueries queries = new DeskQueries(db, clock);
            List<Views.Alert> alerts = new java.util.ArrayList<>();
            TicketWatch before = new TicketWatch(queries, Targets.DEFAULTS::forTier, clock, alerts::add);
            clock.advance(Duration.ofSeconds(10));
            before.sweep(); // the server ran, then stopped
            Ticket longAgo = tickets.open(Optional.empty(), Optional.empty(), "Router dead", Optional.empty(), Tier.LINE1, 1, "anna");
            clock.advance(Duration.ofMinutes(70));
            Ticket meanwhile = tickets.open(Optional.empty(), Optional.empty(), "No TV", Optional.empty(), Tier.LINE1, 2, "anna");
            clock.advance(Duration.ofMinutes(20)); // down 90 min: longAgo passed its target 85 min ago, meanwhile 15 min ago

            TicketWatch restarted = new TicketWatch(queries, Targets.DEFAULTS::forTier, clock, alerts::add);
            assertThat(alerts).isEmpty();
            restarted.sweep();
            assertThat(alerts).extracting(Views.Alert::ticketId).containsExactly(meanwhile.id().value());
            assertThat(alerts.get(0).at()).isEqualTo(meanwhile.dueAt());
            assertThat(longAgo.dueAt()).isBefore(clock.instant().minus(TicketWatch.RESTART_LOOK_BACK));

            restarted.sweep();
            assertThat(alerts).as("alerted once").hasSize(1);
        }
    }

    @Test
    void aTicketResolvedInTimeOrEscalatedIsNotAlertedOnItsOldTarget() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket escalated = tickets.open(Optional.empty(), Optional.empty(), "Fibre cut", Optional.empty(), Tier.LINE1, 1, "anna");
        clock.advance(Duration.ofMinutes(4));
        tickets.escalate(escalated.id(), Optional.of(Tier.LINE3), "anna", "needs an engineer"); // due in 24 h now
        List<Views.Alert> alerts = new java.util.ArrayList<>();
        TicketWatch watch = new TicketWatch(new DeskQueries(server.db, clock), Targets.DEFAULTS::forTier, clock, alerts::add);

        clock.advance(Duration.ofMinutes(10));
        watch.sweep();
        assertThat(alerts).isEmpty();

        clock.advance(Duration.ofHours(24));
        watch.sweep();
        assertThat(alerts).extracting(Views.Alert::text)
                .containsExactly("Ticket " + escalated.id().value() + " (line 3) passed its 24 h target: Fibre cut");
    }
}
