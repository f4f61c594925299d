package dev.frontline.server.testing;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.server.api.ApiConfig;
import dev.frontline.server.api.ApiServer;
import dev.frontline.server.api.CallbackForm;
import dev.frontline.server.api.CallbackFormRoutes;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import java.time.ZoneId;
import dev.frontline.server.sim.PhoneRoutes;
import dev.frontline.server.sim.SimBackend;
import dev.frontline.server.sim.SimConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A desktop API on a loopback port with the simulated line, a scripted IVR and a first-come ACD: operators
 * anna and boris (password "secret"), supervisor sue, customer 1 (Jonas, +37061111111, area Kaunas). A second
 * fixture on the same directory is the same server restarted.
 */
public final class ApiFixture implements AutoCloseable {
    public final Clock clock;
    public final Database db;
    public final InMemoryDirectory directory = new InMemoryDirectory();
    public final FakeAcd acd;
    public final SimBackend sim;
    public final ApiServer api;
    public final DeskClient client;
    /** What the supervisors' snapshot shows per queue; a test may swap it (e.g. for one that fails). */
    public final java.util.concurrent.atomic.AtomicReference<dev.frontline.server.api.QueueStatsSource> queueStats =
            new java.util.concurrent.atomic.AtomicReference<>(List::of);
    /** What the web form told supervisors (floods). */
    public final java.util.List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final java.util.List<dev.frontline.core.sms.SmsRequest> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How texts are sent: recorded in {@link #texts} and SENT; a test may swap it (e.g. for one that refuses). */
    public final java.util.concurrent.atomic.AtomicReference<dev.frontline.core.sms.SmsPort> sms =
            new java.util.concurrent.atomic.AtomicReference<>(r -> {
                texts.add(r);
                return new dev.frontline.core.sms.SmsResult(dev.frontline.core.sms.SmsResult.Status.SENT, "1", "");
            });

    /** The on-duty rota this server shows: tomas weekday nights, ieva around the clock on Sundays. */
    public static final dev.frontline.core.desk.OnDutyRota ON_DUTY = new dev.frontline.core.desk.OnDutyRota(
            ZoneId.of("Europe/Vilnius"), List.of(
            new dev.frontline.core.desk.OnDutyRota.Shift("tomas", "+37061234567", java.time.DayOfWeek.MONDAY,
                    java.time.LocalTime.of(20, 0), java.time.LocalTime.MAX),
            new dev.frontline.core.desk.OnDutyRota.Shift("ieva", "+37061234568", java.time.DayOfWeek.SUNDAY,
                    java.time.LocalTime.MIN, java.time.LocalTime.MAX)));

    /** The stored rota, seeded from {@link #ON_DUTY}. */
    public final dev.frontline.core.store.JdbcOnDutyRota rota;

    public ApiFixture(Path dir, Clock clock, Duration sessionTtl) {
        this(dir, clock, sessionTtl, c -> c);
    }

    /** @param tune changes the API's configuration (limits, timeouts) before the server starts */
    public ApiFixture(Path dir, Clock clock, Duration sessionTtl, java.util.function.UnaryOperator<ApiConfig> tune) {
        this(clock, sessionTtl, tune, () -> Database.sqlite(dir.resolve("api.db")));
    }

    /** @param store opens the store (a SQLite file, or a PostgreSQL database for the {@code *IT} tests) */
    public ApiFixture(Clock clock, Duration sessionTtl, java.util.function.UnaryOperator<ApiConfig> tune,
                      java.util.function.Supplier<Database> store) {
        this.clock = clock;
        this.db = store.get();
        for (String login : List.of("anna", "boris")) {
            directory.add(new Operator(new OperatorId(login), login.substring(0, 1).toUpperCase() + login.substring(1),
                    Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()), Set.of(Language.EN),
                    "sim:" + login, Optional.empty(), true), "secret");
        }
        directory.add(new Operator(new OperatorId("eric"), "Eric", Operator.Role.OPERATOR, Set.of(Tier.LINE3),
                Set.of(Intent.TECHNICAL), Set.of(Language.EN), "sim:eric", Optional.empty(), true), "secret");
        directory.add(new Operator(new OperatorId("sue"), "Sue", Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                Set.of(Language.EN), "sim:sue", Optional.empty(), true), "secret");
        directory.add(new Customer(new CustomerId(1), "C-1001", "Jonas Jonaitis", Optional.of("+37061111111"),
                List.of(), "jonas@example.com", "Laisves al. 1", "Kaunas", "Fiber 300", List.of("internet", "tv"),
                "active", Language.EN, "jonas", Optional.empty()));
        db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO customers (id, contract_number, name, created_at) "
                        + "SELECT 1, 'C-1001', 'Jonas Jonaitis', 0 WHERE NOT EXISTS (SELECT 1 FROM customers WHERE id = 1)");
            }
            return null;
        });
        this.acd = new FakeAcd(clock);
        acd.store = db;
        dev.frontline.server.api.ServiceTicketDesk tickets = new dev.frontline.server.api.ServiceTicketDesk(
                new dev.frontline.core.ticket.TicketService(new dev.frontline.core.store.JdbcTicketStore(db), clock,
                        dev.frontline.core.desk.Targets.DEFAULTS));
        ScriptedIvr ivr = new ScriptedIvr(acd, directory, db, clock);
        this.sim = new SimBackend(ivr, acd, SimConfig.defaults());
        ApiConfig config = tune.apply(ApiConfig.defaults().withPort(0).withSessionTtl(sessionTtl));
        this.api = new ApiServer(config, clock, new ApiServer.Ports(acd, directory, directory, directory, db,
                tickets, new dev.frontline.core.store.JdbcKnowledgeBase(db), sim, () -> queueStats.get().queues(),
                dev.frontline.core.desk.Targets.DEFAULTS, new PhoneNumbers("LT")), Duration.ofSeconds(30));
        acd.subscribe(api.events());
        acd.connector(api.events().screenPopFirst(sim));
        PhoneRoutes phone = new PhoneRoutes(sim, api.auth(), api.hub(), List.of(), java.util.Optional.empty());
        dev.frontline.core.sms.SmsPort sms = r -> this.sms.get().send(r);
        CallbackForm form = new CallbackForm(acd, tickets, directory, new PhoneNumbers("LT"),
                new dev.frontline.core.customer.CallableNumbers(Set.of("LT", "PL", "SI"), Set.of("+37052000000")),
                DeskHours.defaults(ZoneId.of("Europe/Vilnius")), Optional.of("+37060000000"),
                sms, clock);
        CallbackFormRoutes formRoutes = new CallbackFormRoutes(form, clock, config, db, alerts::add);
        dev.frontline.server.api.CustomerAdminRoutes customerAdmin = new dev.frontline.server.api.CustomerAdminRoutes(
                api.auth(), new dev.frontline.core.store.CustomerAdmin(db, new dev.frontline.core.security.SlowHash(10),
                        sms, new dev.frontline.core.store.AuditLog(db, clock)));
        this.rota = new dev.frontline.core.store.JdbcOnDutyRota(db, new dev.frontline.core.store.AuditLog(db, clock),
                ON_DUTY.zone());
        rota.seed(ON_DUTY);
        dev.frontline.server.api.OnDutyRoutes onDuty = new dev.frontline.server.api.OnDutyRoutes(api.auth(),
                rota, new PhoneNumbers("LT"), clock);
        api.start(List.of(phone::register, formRoutes::register, customerAdmin::register, onDuty::register));
        this.client = new DeskClient(api.port());
    }

    @Override
    public void close() {
        api.close();
        sim.close();
        acd.close();
        db.close();
    }
}
