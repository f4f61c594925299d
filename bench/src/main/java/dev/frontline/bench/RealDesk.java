package dev.frontline.bench;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.OperatorDirectory;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;
import dev.frontline.server.asterisk.AsteriskBackend;
import dev.frontline.server.asterisk.AsteriskConfig;
import dev.frontline.server.asterisk.PbxEvents;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real desk behind the FastAGI server: the support flow (IvrService) and the ACD (AcdService) on a SQLite file,
 * known callers, and simulated operators who are Ready again right after a call (and 2 s after a missed ring).
 * Call records are the store's {@code calls} rows.
 */
final class RealDesk implements AutoCloseable {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");

    final Database db;
    final AcdService acd;
    final AsteriskBackend backend;
    private final ScheduledExecutorService operatorsReady = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-operators");
        t.setDaemon(true);
        return t;
    });

    RealDesk(Path dbFile, AsteriskConfig config, int operators, int customers) {
        // the desk is open: Monday 10:00 in Vilnius, running at real speed
        Instant monday10 = Instant.parse("2026-11-23T08:00:00Z");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), monday10));
        db = Database.sqlite(dbFile);
        List<NewCustomer> list = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            list.add(new NewCustomer("C" + (100000 + i), "Customer " + i, Optional.of(callerNumber(i)), List.of(), "",
                    "Street " + i, "Vilnius-1", "Fiber 300", List.of("internet"), "active", Language.EN, "user" + i,
                    Optional.empty()));
        }
        new JdbcCustomerRepository(db, clock).insertAll(list);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < operators; i++) {
            ops.add(new Operator(new OperatorId("op" + i), "Operator " + i, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                    Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op" + (1000 + i), Optional.empty(), true));
        }
        OperatorRepository accounts = new FixedOperators(ops);
        backend = AsteriskBackend.create(config, accounts, clock);
        SmsPort noSms = request -> new SmsResult(SmsResult.Status.FAILED, "", "no SMS in the benchmark");
        acd = new AcdService(AcdConfig.defaults().withTimings(Duration.ofSeconds(40), Duration.ZERO, Duration.ZERO),
                clock, new JdbcAcdEventLog(db), OperatorDirectory.of(accounts), BusinessHours.always(),
                backend.connector(), noSms, new CallbackNotices("+37052000000"));
        acd.start(true);
        IvrPorts ports = new IvrPorts(new JdbcCustomerRepository(db, clock),
                new JdbcPinVerifier(db, new SlowHash(10), clock, 3, Duration.ofMinutes(15)), new JdbcOutageRepository(db),
                noSms, acd, DeskHours.defaults(VILNIUS), new PhoneNumbers("LT"), clock);
        Path flows = Path.of("ivr-flows");
        IvrService ivr = new IvrService(IvrService.loadFlows(flows), ports, new FlowSessionStore(db, clock),
                new CallRecordRepository(db, clock), new IvrSettings(flows, IvrSettings.DEFAULT_RESET_LINK,
                Optional.empty(), VILNIUS), IvrListener.NONE);
        acd.subscribe(this::operatorBehaviour);
        for (Operator op : ops) {
            acd.setOperatorState(op.id(), OperatorState.READY, "");
        }
        backend.start(ivr, acd, PbxEvents.toAcd(acd));
    }

    static String callerNumber(int i) {
        return String.format("+370600%05d", i);
    }

    /** A missed ring: the operator is Ready again after 2 s. (Wrap-up is zero: Ready right after a call.) */
    private void operatorBehaviour(AcdEvent e) {
        if (e instanceof AcdEvent.OperatorStateChanged s && s.state() == OperatorState.MISSED) {
            operatorsReady.schedule(() -> acd.setOperatorState(s.operator(), OperatorState.READY, ""), 2, TimeUnit.SECONDS);
        }
    }

    /** calls rows: total, ended, by outcome. */
    Map<String, Long> callRows() {
        return db.inTransaction(c -> {
            Map<String, Long> m = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT coalesce(outcome, '(none)'), count(*), sum(CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END) "
                            + "FROM calls GROUP BY outcome")) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                    m.merge("(not ended)", rs.getLong(3), Long::sum);
                }
            }
            return m;
        });
    }

    /** True when the call has an ended row in the store. */
    boolean ended(String callId) {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM calls WHERE call_id = ? AND ended_at IS NOT NULL")) {
                st.setString(1, callId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }

    long acdEvents(String type) {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM call_events WHERE type = ?")) {
                st.setString(1, type);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void close() throws Exception {
        backend.stop();
        operatorsReady.shutdownNow();
        acd.close();
        db.close();
    }

    private record FixedOperators(List<Operator> all) implements OperatorRepository {
        @Override
        public Optional<Operator> find(OperatorId id) {
            return all.stream().filter(o -> o.id().equals(id)).findFirst();
        }

        @Override
        public Optional<Operator> authenticate(String login, char[] password) {
            return Optional.empty();
        }
    }
}
