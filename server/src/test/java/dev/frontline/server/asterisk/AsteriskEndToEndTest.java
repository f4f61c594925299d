package dev.frontline.server.asterisk;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.OperatorDirectory;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.core.testing.RecordingSmsPort;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.asterisk.peer.FakeAsteriskAmi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static dev.frontline.server.asterisk.peer.FakeAsteriskAgi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole calls through the real support flow (IvrService) and the real ACD (AcdService) on a SQLite file, with the
 * loopback Asterisk on both FastAGI and AMI.
 */
class AsteriskEndToEndTest {
    private static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    private static final Instant MONDAY_10_LOCAL = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration T = Duration.ofSeconds(10);
    private static final String JONAS = "+37052111111";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(MONDAY_10_LOCAL);
    private Database db;
    private AcdService acd;
    private AsteriskBackend asterisk;
    private FakeAsteriskAmi ami;
    private CallRecordRepository calls;
    private AsteriskConfig config;

    private static Operator operator(String id, String endpoint) {
        return new Operator(new OperatorId(id), id, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                Set.of(Intent.TECHNICAL, Intent.SALES, Intent.GENERAL), Set.of(Language.values()), endpoint,
                Optional.empty(), true);
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.sqlite(dir.resolve("frontline.db"));
        SlowHash hash = new SlowHash(10);
        new JdbcCustomerRepository(db, clock).insertAll(List.of(new NewCustomer("5550123", "Jonas Jonaitis",
                Optional.of("+37061234567"), List.of(JONAS), "", "Gedimino 1", "Vilnius-1", "Fiber 300",
                List.of("internet"), "active", Language.LT, "jonas42", Optional.of(hash.hash("2468".toCharArray())))));
        StaticOperators operators = new StaticOperators(List.of(operator("anna", "PJSIP/op100"),
                operator("ben", "PJSIP/op101")));

        ami = FakeAsteriskAmi.start("frontline", "amisecret");
        ami.setDeviceState("PJSIP/op100", "NOT_INUSE");
        ami.setDeviceState("PJSIP/op101", "NOT_INUSE");
        config = AgiServerTest.config().withAmi(new AsteriskConfig.Ami(true, "127.0.0.1", ami.port(), "frontline",
                "amisecret", "frontline-callbacks", Duration.ofMillis(100), Duration.ofSeconds(1)));

        // the ACD needs the backend's connector, the backend needs the ACD: two steps
        asterisk = AsteriskBackend.create(config, operators, clock);
        acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), OperatorDirectory.of(operators),
                BusinessHours.always(), asterisk.connector(), new RecordingSmsPort(),
                new CallbackNotices("+37052000000")).start(false);
        calls = new CallRecordRepository(db, clock);
        IvrPorts ports = new IvrPorts(new JdbcCustomerRepository(db, clock),
                new JdbcPinVerifier(db, hash, clock, 3, Duration.ofMinutes(15)), new JdbcOutageRepository(db),
                new RecordingSmsPort(), acd, DeskHours.defaults(VILNIUS), new PhoneNumbers("LT"), clock);
        IvrService ivr = new IvrService(IvrService.loadFlows(Path.of("../ivr-flows")), ports,
                new FlowSessionStore(db, clock), calls,
                new IvrSettings(Path.of("../ivr-flows"), IvrSettings.DEFAULT_RESET_LINK, Optional.empty(), VILNIUS),
                IvrListener.NONE);
        asterisk.start(ivr, acd, PbxEvents.toAcd(acd));
        awaitAmiReady();
    }

    /** Asterisk keeps no events for a client that is not logged in yet: wait for login and the state re-read. */
    private void awaitAmiReady() throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (ami.connectedClients() == 0 || ami.actions("CoreShowChannels").isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the AMI connection did not log in and re-read state");
            }
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() throws Exception {
        asterisk.stop();
        acd.close();
        ami.close();
        db.close();
    }

    /**
     * Plays the caller: prompts end normally, the first key request gets {@code keys} one per request, hold slices
     * pass silently; returns the first command matching {@code until} (not answered).
     */
    private static String callerUntil(FakeAsteriskAgi agi, String keys, Predicate<String> until) throws IOException {
        List<Character> toPress = new ArrayList<>();
        for (char c : keys.toCharArray()) {
            toPress.add(c);
        }
        boolean onHold = false;
        while (true) {
            String cmd = agi.nextCommand(T);
            if (cmd == null) {
                throw new AssertionError("the server hung up; commands: " + agi.commands());
            }
            if (until.test(cmd)) {
                return cmd;
            }
            if (cmd.startsWith("SET MUSIC ON")) {
                onHold = true;
            }
            if (cmd.startsWith("STREAM FILE")) {
                agi.reply("0 endpos=8000");
            } else if (cmd.startsWith("WAIT FOR DIGIT") && !onHold && !toPress.isEmpty()) {
                agi.reply(key(toPress.remove(0)));
            } else if (cmd.startsWith("GET DATA") && !toPress.isEmpty()) {
                StringBuilder b = new StringBuilder();
                toPress.forEach(b::append);
                toPress.clear();
                agi.reply(b.toString());
            } else if (cmd.startsWith("WAIT FOR DIGIT") || cmd.startsWith("GET DATA")) {
                agi.reply("0");
            } else {
                agi.reply("0");
            }
        }
    }

    private long events(String type, CallId call) {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM call_events WHERE type = ? AND call_id = ?")) {
                st.setString(1, type);
                st.setString(2, call.value());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private void awaitEvent(String type, CallId call) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (events(type, call) == 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + type + " logged for " + call);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aKnownCallerPressesTechnicalIsQueuedAndTheReadyOperatorsPhoneIsDialled() throws Exception {
        acd.setOperatorState(new OperatorId("anna"), OperatorState.READY, "");
        CallId call = new CallId("1700000100.1");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), JONAS)) {
            String dial = callerUntil(agi, "1", c -> c.startsWith("EXEC"));
            assertThat(dial).isEqualTo("EXEC \"Dial\" \"PJSIP/op100,12,tTg\"");
            assertThat(agi.commands()).anyMatch(c -> c.contains("/lt/welcome\""))
                    .anyMatch(c -> c.contains("/lt/main-menu\""))
                    // anna was free at once: her phone rings before any queue prompt or hold music (issue 18)
                    .noneMatch(c -> c.startsWith("SET MUSIC ON")).noneMatch(c -> c.contains("/queue-connecting\""));
            awaitEvent("CallOffered", call);

            ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", "b-1", "Uniqueid", call.value()));
            awaitEvent("CallAnswered", call);
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE \"DIALSTATUS\"", "1 (ANSWER)");
            // after the operator: the rating question, then goodbye
            callerUntil(agi, "5", c -> c.startsWith("HANGUP"));
            agi.reply("1");
            agi.hangUp();
            agi.finish();
        }
        awaitEvent("CallEnded", call);
        assertThat(calls.find(call)).get().satisfies(r -> {
            assertThat(r.intent()).isEqualToIgnoringCase("technical");
            assertThat(r.queuedAt()).isPresent();
            assertThat(r.outcome()).isEqualTo("answered");
        });
        assertThat(calls.rating(call)).contains(5);
    }

    @Test
    void aCallerHangingUpInTheQueueIsAbandonedAndLeavesTheQueue() throws Exception {
        CallId call = new CallId("1700000100.2");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), JONAS)) {
            callerUntil(agi, "1", c -> c.startsWith("WAIT FOR DIGIT 100"));
            awaitEvent("CallQueued", call);
            agi.hangUp();
            agi.reply("-1");
            agi.finish();
        }
        awaitEvent("CallAbandoned", call);
        acd.sync();
        assertThat(acd.status(call)).isEmpty();
        assertThat(calls.find(call)).get().satisfies(r -> {
            assertThat(r.endedAt()).isPresent();
            assertThat(r.endedAtStep()).isNotBlank();
        });
    }

    @Test
    void anOperatorNotAnsweringPutsTheCallerBackOnHoldForTheNext() throws Exception {
        acd.setOperatorState(new OperatorId("anna"), OperatorState.READY, "");
        CallId call = new CallId("1700000100.3");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), JONAS)) {
            assertThat(callerUntil(agi, "1", c -> c.startsWith("EXEC"))).contains("PJSIP/op100");
            agi.reply("0");
            agi.expectAndReply("GET VARIABLE \"DIALSTATUS\"", "1 (NOANSWER)");
            awaitEvent("CallRequeued", call);
            agi.expectAndReply("SET MUSIC ON", "0");

            acd.setOperatorState(new OperatorId("ben"), OperatorState.READY, "");
            assertThat(callerUntil(agi, "", c -> c.startsWith("EXEC"))).isEqualTo("EXEC \"Dial\" \"PJSIP/op101,12,tTg\"");
            agi.hangUp();
            agi.reply("-1");
            agi.finish();
        }
        awaitEvent("CallAbandoned", call);
    }

    @Test
    void anUnregisteredPhoneIsNotOfferedCalls() throws Exception {
        ami.setDeviceState("PJSIP/op100", "UNAVAILABLE");
        long end = System.nanoTime() + T.toNanos();
        while (asterisk.ami() == null || asterisk.ami().stateReads() == 0 || !registrationLogged("anna")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("anna's phone never reported unregistered");
            }
            Thread.sleep(10);
        }
        acd.setOperatorState(new OperatorId("anna"), OperatorState.READY, "");
        acd.setOperatorState(new OperatorId("ben"), OperatorState.READY, "");
        CallId call = new CallId("1700000100.4");
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(config.port(), "support", call.value(), JONAS)) {
            assertThat(callerUntil(agi, "1", c -> c.startsWith("EXEC"))).contains("PJSIP/op101");
            agi.hangUp();
            agi.reply("-1");
            agi.finish();
        }
    }

    private boolean registrationLogged(String operator) {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM call_events WHERE operator_login = ? AND type LIKE 'Phone%'")) {
                st.setString(1, operator);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }
}
