package dev.frontline.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A wallboard opened later in the day gets the day so far, rebuilt from the stored call events. */
class WallboardHistoryTest extends ApiOnDiskTest {

    @Test
    void aSupervisorGetsTheMorningFromTheEventLogAndOthersDoNot() throws Exception {
        start();
        Instant morning = clock.instant(); // 10:00
        QueuedCall c = new QueuedCall(new CallId("c1"), Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                "+37061111111", Backend.SIM, morning.plusSeconds(60));
        new JdbcAcdEventLog(server.db).append(List.of(
                new AcdEvent.CallQueued(c.callId(), c, c.arrivedAt()),
                new AcdEvent.CallOffered(c.callId(), new OperatorId("anna"), "sim:anna", morning.plusSeconds(150))));
        clock.advance(Duration.ofHours(2)); // the supervisor opens the wallboard at noon

        DeskClient.Reply r = server.client.get("/api/wallboard/history?from=" + morning,
                server.client.login("sue", "secret"));

        assertThat(r.status()).isEqualTo(200);
        List<Views.WaitPoint> points = DeskClient.JSON.readValue(r.body(), new TypeReference<>() {});
        assertThat(points).hasSizeBetween(100, 200).allSatisfy(p -> assertThat(p.at()).isBefore(clock.instant()));
        assertThat(points.get(0).at()).isEqualTo(morning);
        Duration bucket = Duration.between(points.get(0).at(), points.get(1).at());
        assertThat(bucket).isEqualTo(Duration.ofSeconds(40)); // 5 s doubled: 7,200 s / 40 s = 180 buckets
        assertThat(points).filteredOn(p -> p.waiting() > 0)
                .containsExactly(new Views.WaitPoint(morning.plusSeconds(40), 1, 20),
                        new Views.WaitPoint(morning.plusSeconds(80), 1, 60),
                        new Views.WaitPoint(morning.plusSeconds(120), 1, 90));

        String anna = server.client.login("anna", "secret");
        assertThat(server.client.get("/api/wallboard/history?from=" + morning, anna).status()).isEqualTo(403);
        DeskClient.Reply bad = server.client.get("/api/wallboard/history?from=this-morning", server.client.login("sue", "secret"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("from").contains("this-morning");
    }

    @Test
    void aSupervisorGetsEachOperatorsDaySoFarFromTheStateChangesAndOthersDoNot() throws Exception {
        start();
        Instant morning = clock.instant(); // 10:00
        OperatorId anna = new OperatorId("anna");
        new JdbcAcdEventLog(server.db).append(List.of(
                new AcdEvent.OperatorStateChanged(anna, dev.frontline.core.acd.OperatorState.READY, "", morning),
                new AcdEvent.OperatorStateChanged(anna, dev.frontline.core.acd.OperatorState.TALKING, "c1", morning.plusSeconds(600)),
                new AcdEvent.OperatorStateChanged(anna, dev.frontline.core.acd.OperatorState.WRAP_UP, "", morning.plusSeconds(840)),
                new AcdEvent.OperatorStateChanged(anna, dev.frontline.core.acd.OperatorState.READY, "", morning.plusSeconds(900))));
        clock.advance(Duration.ofMinutes(50));

        DeskClient.Reply r = server.client.get("/api/wallboard/operators?from=" + morning,
                server.client.login("sue", "secret"));

        assertThat(r.status()).isEqualTo(200);
        List<Views.OperatorDay> days = DeskClient.JSON.readValue(r.body(), new TypeReference<>() {});
        // one call of 5 min (4 talking, 1 wrap-up) in 50 min signed in
        assertThat(days).filteredOn(d -> d.login().equals("anna")).containsExactly(new Views.OperatorDay("anna", 1, 300, 10.0));
        assertThat(server.client.get("/api/wallboard/operators?from=" + morning, server.client.login("anna", "secret"))
                .status()).isEqualTo(403);
    }

    @Test
    void ticketsPerLineAreCountedAgainstEachLinesTargetAndTheOverdueListedOldestFirst() throws Exception {
        start();
        TicketService tickets = new TicketService(new JdbcTicketStore(server.db), clock, Targets.DEFAULTS);
        Ticket a = tickets.open(Optional.empty(), Optional.empty(), "No internet", Optional.empty(), Tier.LINE1, 1, "anna");
        Ticket closed = tickets.open(Optional.empty(), Optional.empty(), "TV remote", Optional.empty(), Tier.LINE1, 3, "anna");
        tickets.close(closed.id(), "anna", "new batteries");
        Ticket b = tickets.open(Optional.empty(), Optional.empty(), "Slow line", Optional.empty(), Tier.LINE2, 1, "anna");
        tickets.open(Optional.empty(), Optional.empty(), "Fibre cut", Optional.empty(), Tier.LINE3, 1, "anna");
        String sue = server.client.login("sue", "secret");

        clock.advance(Duration.ofMinutes(7)); // line 1's 5 min passed, line 2's 10 min not yet
        Views.TicketLines at7 = server.client.get("/api/wallboard/tickets", sue).as(Views.TicketLines.class);
        assertThat(at7.lines()).containsExactly(
                new Views.TicketLine("LINE1", 300, 1, 1, a.dueAt()),
                new Views.TicketLine("LINE2", 600, 1, 0, b.dueAt()),
                new Views.TicketLine("LINE3", 86_400, 1, 0, a.openedAt().plus(Duration.ofHours(24))));
        assertThat(at7.overdue()).extracting(t -> t.ticket().ticketId()).containsExactly(a.id().value());

        clock.advance(Duration.ofMinutes(5));
        Views.TicketLines at12 = server.client.get("/api/wallboard/tickets", sue).as(Views.TicketLines.class);
        assertThat(at12.overdue()).extracting(t -> t.ticket().ticketId()).containsExactly(a.id().value(), b.id().value());
        tickets.take(b.id(), "boris"); // the wallboard says who has an overdue ticket
        assertThat(server.client.get("/api/wallboard/tickets", sue).as(Views.TicketLines.class).overdue())
                .extracting(Views.LineTicket::takenBy).containsExactly(null, "boris");
        assertThat(at12.lines()).extracting(Views.TicketLine::overdue).containsExactly(1, 1, 0);

        tickets.close(a.id(), "anna", "router replaced");
        assertThat(server.client.get("/api/wallboard/tickets", sue).as(Views.TicketLines.class).lines().get(0))
                .isEqualTo(new Views.TicketLine("LINE1", 300, 0, 0, null));
        assertThat(server.client.get("/api/wallboard/tickets", server.client.login("anna", "secret")).status()).isEqualTo(403);
    }

    @Test
    void theDaysRatingsAreAveragedOverallAndByTheOperatorWhoAnswered() throws Exception {
        start();
        Instant morning = clock.instant();
        CallRecordRepository calls = new CallRecordRepository(server.db, clock);
        JdbcAcdEventLog log = new JdbcAcdEventLog(server.db);
        String[][] rated = {{"y1", "anna", "2"}, {"c1", "anna", "5"}, {"c2", "anna", "4"}, {"c3", "boris", "3"}};
        for (String[] r : rated) {
            CallId id = new CallId(r[0]);
            calls.started(id, Backend.SIM, "+37061111111", "+37052000000", "support");
            log.append(List.of(new AcdEvent.CallAnswered(id, new OperatorId(r[1]), clock.instant())));
            if (r[0].equals("y1")) {
                calls.rate(id, Integer.parseInt(r[2])); // yesterday's: not counted
                server.db.flush();
                clock.advance(Duration.ofHours(1));
                morning = clock.instant();
            } else {
                calls.rate(id, Integer.parseInt(r[2]));
            }
        }
        server.db.flush();

        DeskClient.Reply r = server.client.get("/api/wallboard/ratings?from=" + morning, server.client.login("sue", "secret"));

        assertThat(r.status()).isEqualTo(200);
        Views.Ratings ratings = r.as(Views.Ratings.class);
        assertThat(ratings.count()).isEqualTo(3);
        assertThat(ratings.average()).isEqualTo(4.0);
        assertThat(ratings.operators()).containsExactly(new Views.OperatorRating("anna", 4.5, 2),
                new Views.OperatorRating("boris", 3.0, 1));
        String anna = server.client.login("anna", "secret");
        assertThat(server.client.get("/api/wallboard/ratings?from=" + morning, anna).status()).isEqualTo(403);
        // an operator sees its own, and only its own
        assertThat(server.client.get("/api/me/rating?from=" + morning, anna).as(Views.OperatorRating.class))
                .isEqualTo(new Views.OperatorRating("anna", 4.5, 2));
        assertThat(server.client.get("/api/me/rating?from=" + morning, server.client.login("boris", "secret"))
                .as(Views.OperatorRating.class)).isEqualTo(new Views.OperatorRating("boris", 3.0, 1));
        assertThat(server.client.get("/api/me/rating?from=" + morning, server.client.login("sue", "secret"))
                .as(Views.OperatorRating.class).count()).isZero();
    }
}
