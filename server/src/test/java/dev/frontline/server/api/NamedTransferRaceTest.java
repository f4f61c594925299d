package dev.frontline.server.api;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.acd.OperatorDirectory;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.server.sim.PhoneRoutes;
import dev.frontline.server.sim.SimBackend;
import dev.frontline.server.sim.SimConfig;
import dev.frontline.server.testing.DeskClient;
import dev.frontline.server.testing.InMemoryDirectory;
import dev.frontline.server.testing.ScriptedIvr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A named transfer (or consultation) to a colleague right after the colleague's Ready was acknowledged: the desk
 * picture follows the ACD by a moment (its events reach the desks on another thread), so the check must not trust the
 * picture alone. Seen once on the real PBX as "boris is not signed in". Here the picture is held behind the ACD on
 * purpose (the events for boris are kept back until the test lets them go), so the race is the same on every run.
 */
class NamedTransferRaceTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The desks' feed of ACD events, with a latch: while held, boris's events wait (in order) for the release. */
    static final class HeldPicture implements Consumer<AcdEvent> {
        private final Consumer<AcdEvent> desks;
        private final List<AcdEvent> kept = new ArrayList<>();
        private boolean held;

        HeldPicture(Consumer<AcdEvent> desks) {
            this.desks = desks;
        }

        synchronized void hold() {
            held = true;
        }

        /** Lets the kept events through, in their order, and stops holding. */
        void release() {
            List<AcdEvent> out;
            synchronized (this) {
                held = false;
                out = List.copyOf(kept);
                kept.clear();
            }
            out.forEach(desks);
        }

        @Override
        public void accept(AcdEvent e) {
            synchronized (this) {
                // a consultation's offer passes: the colleague's pop needs it, and it is not what lags here
                if (held && !(e instanceof AcdEvent.ConsultOffered)) {
                    kept.add(e);
                    return;
                }
            }
            desks.accept(e);
        }
    }

    private record Desk(DeskClient http, HeldPicture picture, String tester) {}

    private Desk start() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        Database db = Database.sqlite(dir.resolve("race.db"));
        open.add(db);
        InMemoryDirectory directory = new InMemoryDirectory();
        for (String login : List.of("anna", "boris")) {
            directory.add(new Operator(new OperatorId(login), login, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                    Set.of(Intent.values()), Set.of(Language.EN), "sim:" + login, Optional.empty(), true), "secret");
        }
        directory.add(new Operator(new OperatorId("sue"), "Sue", Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                Set.of(Language.EN), "sim:sue", Optional.empty(), true), "secret");
        directory.add(new Customer(new CustomerId(1), "C-1001", "Jonas Jonaitis", Optional.of("+37061111111"),
                List.of(), "", "", "Kaunas", "Fiber", List.of("internet"), "active", Language.EN, "jonas",
                Optional.empty()));
        db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO customers (id, contract_number, name, created_at) "
                        + "VALUES (1, 'C-1001', 'Jonas Jonaitis', 0)");
            }
            return null;
        });
        SwitchableConnector lines = new SwitchableConnector();
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db),
                OperatorDirectory.of(directory), BusinessHours.always(), lines,
                (dev.frontline.core.sms.SmsPort) r -> null, new CallbackNotices("+37052000000")).start(false);
        open.add(acd::close);
        ServiceTicketDesk tickets = new ServiceTicketDesk(new dev.frontline.core.ticket.TicketService(
                new dev.frontline.core.store.JdbcTicketStore(db), clock, dev.frontline.core.desk.Targets.DEFAULTS));
        SimBackend sim = new SimBackend(new ScriptedIvr(acd, directory, db, clock), acd, SimConfig.defaults());
        open.add(sim);
        ApiServer api = new ApiServer(ApiConfig.defaults().withPort(0), clock, new ApiServer.Ports(acd, directory,
                directory, directory, db, tickets, new dev.frontline.core.store.JdbcKnowledgeBase(db), sim, List::of,
                dev.frontline.core.desk.Targets.DEFAULTS, new PhoneNumbers("LT")), Duration.ofSeconds(30));
        HeldPicture picture = new HeldPicture(api.events());
        acd.subscribe(picture);
        lines.target = api.events().screenPopFirst(sim);
        PhoneRoutes phone = new PhoneRoutes(sim, api.auth(), api.hub(), List.of(), Optional.empty());
        api.start(List.of(phone::register));
        open.add(api);
        DeskClient http = new DeskClient(api.port());
        return new Desk(http, picture, http.login("sue", "secret"));
    }

    /** The ACD is built before the desks' connector exists (as in {@code serve}). */
    private static final class SwitchableConnector implements dev.frontline.core.call.CallConnector {
        volatile dev.frontline.core.call.CallConnector target;

        @Override
        public void connect(dev.frontline.core.common.CallId callId, OperatorId operator, String endpoint) {
            target.connect(callId, operator, endpoint);
        }

        @Override
        public void release(dev.frontline.core.common.CallId callId, OperatorId operator) {
            target.release(callId, operator);
        }

        @Override
        public void withdraw(dev.frontline.core.common.CallId callId, OperatorId operator) {
            target.withdraw(callId, operator);
        }

        @Override
        public boolean canHold(dev.frontline.core.common.CallId callId) {
            return target.canHold(callId);
        }

        @Override
        public void hold(dev.frontline.core.common.CallId callId, OperatorId operator, boolean on) {
            target.hold(callId, operator, on);
        }

        @Override
        public boolean canConsult(dev.frontline.core.common.CallId callId) {
            return target.canConsult(callId);
        }

        @Override
        public void consult(dev.frontline.core.common.CallId callId, OperatorId from, OperatorId to, String endpoint,
                            ConsultStep step) {
            target.consult(callId, from, to, endpoint, step);
        }

        @Override
        public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                      String callerId) {
            target.originateCallback(attemptId, operator, endpoint, customerNumber, callerId);
        }
    }

    /** Anna talks with a caller from the test phone. */
    private String annaTalking(Desk d, DeskClient.Socket anna) throws Exception {
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
        Views.PhoneCallAnswer call = d.http().post("/api/sim/calls", d.tester(), "{\"from\":\"+37061111111\"}")
                .as(Views.PhoneCallAnswer.class);
        d.http().post("/api/sim/calls/" + call.callId() + "/input", d.tester(), "{\"digits\":\"1\"}");
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
        assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()))))
                .isInstanceOf(ServerMessage.Ack.class);
        anna.await(ServerMessage.CallConnected.class, 10);
        return pop.callId();
    }

    @Test
    void aColleagueWhoseReadyWasAcknowledgedTakesANamedTransferWhileTheDeskPictureStillShowsThemOut()
            throws Exception {
        Desk d = start();
        DeskClient.Socket anna = d.http().connect(d.http().login("anna", "secret"));
        String callId = annaTalking(d, anna);
        DeskClient.Socket boris = d.http().connect(d.http().login("boris", "secret"));
        boris.await(ServerMessage.Welcome.class, 5);

        d.picture().hold(); // from here on the desk picture does not hear of boris's Ready
        assertThat(boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null))))
                .isInstanceOf(ServerMessage.Ack.class);
        ServerMessage moved = anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId, null, null,
                "boris", "line drops every hour")));

        assertThat(moved).as("boris said Ready and was told so; the picture has not caught up yet")
                .isInstanceOf(ServerMessage.Ack.class);
        d.picture().release();
        ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 10);
        assertThat(pop.callId()).isEqualTo(callId);
        assertThat(anna.await(ServerMessage.CallFinished.class, 10).callId()).isEqualTo(callId);
    }

    @Test
    void aConsultationWithAColleagueWhoseReadyWasAcknowledgedRingsThemWhileThePictureLags() throws Exception {
        Desk d = start();
        DeskClient.Socket anna = d.http().connect(d.http().login("anna", "secret"));
        String callId = annaTalking(d, anna);
        DeskClient.Socket boris = d.http().connect(d.http().login("boris", "secret"));
        boris.await(ServerMessage.Welcome.class, 5);

        d.picture().hold();
        boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.READY, null)));
        ServerMessage consult = anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "boris",
                null, null)));

        assertThat(consult).isInstanceOf(ServerMessage.Ack.class);
        d.picture().release();
        assertThat(boris.await(ServerMessage.ScreenPop.class, 10).transferredBy().consult()).isTrue();
    }

    @Test
    void aColleagueWhoIsReallySignedOutIsStillRefused() throws Exception {
        Desk d = start();
        DeskClient.Socket anna = d.http().connect(d.http().login("anna", "secret"));
        String callId = annaTalking(d, anna);

        d.picture().hold();
        ServerMessage refused = anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId, null, null,
                "boris", null)));

        assertThat(refused).isInstanceOf(ServerMessage.ErrorReply.class);
        assertThat(((ServerMessage.ErrorReply) refused).message()).isEqualTo("operator 'boris' is not signed in");
        d.picture().release();
    }

    /**
     * The same lag for a supervisor: anna's answer was acknowledged, the picture still shows her ringing, and
     * "anna is not on a call" came back (seen once in FrontlineServerTest under load).
     */
    @Test
    void aSupervisorListensToAnOperatorWhoseAnswerWasAcknowledgedWhileThePictureLags() throws Exception {
        Desk d = start();
        DeskClient.Socket anna = d.http().connect(d.http().login("anna", "secret"));
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
        Views.PhoneCallAnswer call = d.http().post("/api/sim/calls", d.tester(), "{\"from\":\"+37061111111\"}")
                .as(Views.PhoneCallAnswer.class);
        d.http().post("/api/sim/calls/" + call.callId() + "/input", d.tester(), "{\"digits\":\"1\"}");
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
        DeskClient.Socket sue = d.http().connect(d.tester());
        sue.await(ServerMessage.Welcome.class, 5);

        d.picture().hold(); // the picture does not hear that anna answered
        assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()))))
                .isInstanceOf(ServerMessage.Ack.class);
        ServerMessage listen = sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "anna",
                dev.frontline.core.common.SpyMode.LISTEN)));

        assertThat(listen).as("anna answered and was told so; the picture has not caught up yet")
                .isInstanceOf(ServerMessage.Ack.class);
        d.picture().release();
    }
}
