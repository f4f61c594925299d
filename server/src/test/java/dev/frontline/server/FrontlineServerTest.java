package dev.frontline.server;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The composition root end to end: real store, ACD, voice menu (the support flow), sim line and API on loopback. */
class FrontlineServerTest {
    @TempDir
    Path dir;

    /** What {@code frontline serve --config <yaml> [args]} answered on stderr, and its exit code. */
    private record Served(int code, String err) {}

    private Served serve(String yaml, String... args) throws java.io.IOException {
        Path config = dir.resolve("frontline.yaml");
        java.nio.file.Files.writeString(config, yaml);
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of("serve", "--config", config.toString()));
        all.addAll(List.of(args));
        return new Served(cl.execute(all.toArray(String[]::new)), err.toString());
    }

    @Test
    void aPortAnotherProcessHoldsIsOneLineNotAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Served s = serve("store:\n  url: jdbc:sqlite:" + dir.resolve("p.db") + "\nsim:\n  enabled: true\n"
                    + "flows:\n  dir: ../ivr-flows\napi:\n  bind: 127.0.0.1\n  port: " + taken.getLocalPort() + "\n");

            assertThat(s.code()).isEqualTo(2);
            assertThat(s.err()).startsWith("frontline: cannot listen: ").contains(Integer.toString(taken.getLocalPort()))
                    .contains("another frontline running").doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void aStoreThatCannotBeReachedExitsWithItsOwnStatusSoSystemdTriesAgain() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Served s = serve("store:\n  url: jdbc:postgresql://127.0.0.1:" + closed + "/frontline\n  user: fl\nsim:\n"
                + "  enabled: true\nflows:\n  dir: ../ivr-flows\n", "--port", "0");

        // 69 (EX_UNAVAILABLE): the unit restarts it; 2 (a wrong setting) it does not (RestartPreventExitStatus=2)
        assertThat(s.code()).isEqualTo(ServeCommand.EXIT_STORE_UNAVAILABLE).isEqualTo(69);
        assertThat(s.err()).startsWith("frontline: ").doesNotContain("\tat ");
    }

    @Test
    void aMissingFlowsDirectoryIsNamedInOneLine() throws Exception {
        Served s = serve("store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\nsim:\n  enabled: true\n"
                + "flows:\n  dir: " + dir.resolve("no-such-flows") + "\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).startsWith("frontline: flows.dir: no flows directory at " + dir.resolve("no-such-flows"))
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void theDemoDesktopIsALineOneOperatorTakingTheMostQueuesInEnglishIfThereIsOne() {
        Operator lt = operator("aldona", Set.of(Tier.LINE1), Set.of(Intent.values()), Set.of(Language.LT));
        Operator salesEn = operator("bob", Set.of(Tier.LINE1), Set.of(Intent.SALES), Set.of(Language.EN));
        Operator allEn = operator("zoe", Set.of(Tier.LINE1), Set.of(Intent.values()), Set.of(Language.EN, Language.LT));
        Operator lineTwo = operator("ann", Set.of(Tier.LINE2), Set.of(Intent.values()), Set.of(Language.EN));

        assertThat(FrontlineServer.deskOperator(List.of(lt, salesEn, allEn, lineTwo))).contains("zoe");
        assertThat(FrontlineServer.deskOperator(List.of(lt, salesEn, lineTwo))).contains("bob");
        assertThat(FrontlineServer.deskOperator(List.of(lt, lineTwo))).contains("aldona");
        assertThat(FrontlineServer.deskOperator(List.of(lineTwo))).isEmpty();
    }

    private static Operator operator(String login, Set<Tier> tiers, Set<Intent> intents, Set<Language> languages) {
        return new Operator(new dev.frontline.core.common.OperatorId(login), login, Operator.Role.OPERATOR, tiers,
                intents, languages, "sim:" + login, Optional.empty(), true);
    }

    @Test
    void aWrongRecordingKeyStopsServeNamingTheKey() throws Exception {
        Path db = dir.resolve("rec.db");
        Served s = serve("store:\n  url: jdbc:sqlite:" + db + "\nsim:\n  enabled: true\nflows:\n  dir: ../ivr-flows\n"
                + "recording:\n  enabled: true\n  lines: [line1, line4]\n", "--port", "0");
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).containsExactly(
                "frontline: recording.lines: 'line4' is not a line (line1, line2, line3)");
        assertThat(db).doesNotExist();
    }

    /** Tried as an admin: three mistakes took three starts to find, one line each time. */
    @Test
    void everyWrongSectionIsNamedAtOnceAndNothingIsOpened() throws Exception {
        Path db = dir.resolve("bad.db");

        Served s = serve("store:\n  url: jdbc:sqlite:" + db + "\ndesk:\n  hours:\n    mon-fri: 08:00-25:00\n"
                + "acd:\n  ring-timout: 15s\nsim:\n  enabled: true\n  ring-timeout: soon\nflows:\n  dir: ../ivr-flows\n"
                + "wallboard: {}\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).containsExactly(
                "frontline: wallboard: unknown section (known: store, desk, security, acd, api, asterisk, cluster, flows, outages, recording, reports, sim, sms, twilio)",
                "frontline: desk.hours.mon-fri: must be opening hours like 08:00-20:00 or closed, not '08:00-25:00'");
        assertThat(db).doesNotExist();

        s = serve("store:\n  url: jdbc:sqlite:" + db + "\nacd:\n  ring-timout: 15s\nsim:\n  enabled: true\n"
                + "  ring-timeout: soon\nflows:\n  dir: ../ivr-flows\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("frontline: sim.ring-timeout: "))
                .anySatisfy(l -> assertThat(l).startsWith("frontline: acd.ring-timout: unknown key"));
        assertThat(db).doesNotExist();
    }

    /**
     * Found in the demo: the sim phone rang 20 s against the ACD's 15 s, so the ACD put callers back in line while the
     * operator's phone still rang; with Twilio an operator answering then would be bridged to a caller the ACD no
     * longer offered it.
     */
    @Test
    void aPhoneThatRingsLongerThanTheAcdWaitsIsRefusedWithTheKeyAndAValueThatWorks() throws Exception {
        Path db = dir.resolve("ring.db");

        Served s = serve("store:\n  url: jdbc:sqlite:" + db + "\nacd:\n  ring-timeout: 15s\nsim:\n  enabled: true\n"
                + "  ring-timeout: 20s\nflows:\n  dir: ../ivr-flows\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).containsExactly("frontline: sim.ring-timeout: 20s must be below "
                + "acd.ring-timeout (15s), so the phone's no-answer reaches the ACD before the ACD gives the caller to "
                + "someone else; e.g. 12s, or raise acd.ring-timeout");
        assertThat(db).doesNotExist();

        s = serve("store:\n  url: jdbc:sqlite:" + db + "\nacd:\n  ring-timeout: 15s\nsim:\n  enabled: false\n"
                + "  ring-timeout: 20s\nasterisk:\n  enabled: true\n  ring-timeout: 15s\n  ami:\n    enabled: false\nflows:\n  dir: ../ivr-flows\n",
                "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).as("a disabled backend's ring is not checked").hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith("frontline: asterisk.ring-timeout: 15s must be below"));
    }

    /**
     * Issue 19: Twilio may let a {@code <Dial timeout="10">} ring ~15 s, and the ring starts only once the REST update
     * is through: a 10 s Twilio ring against the ACD's 15 s left no margin at all. The check counts both.
     */
    @Test
    void aTwilioRingWithoutRoomForTwiliosSlackAndTheRestUpdateIsRefused() throws Exception {
        Path db = dir.resolve("twilio-ring.db");
        String twilio = "twilio:\n  enabled: true\n  account-sid: AC0123456789abcdef0123456789abcdef\n  auth-token: t\n"
                + "  public-base-url: https://ivr.example.com\n  from-number: \"+37052000000\"\n";

        Served s = serve("store:\n  url: jdbc:sqlite:" + db + "\nacd:\n  ring-timeout: 15s\n" + twilio
                + "  ring-timeout: 10s\nflows:\n  dir: ../ivr-flows\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err().lines().toList()).containsExactly("frontline: twilio.ring-timeout: 10s, plus up to 5s Twilio"
                + " may add to a Dial and twilio.rest-timeout (2s) for the REST update, must not exceed acd.ring-timeout"
                + " (15s), so the phone's no-answer reaches the ACD before the ACD gives the caller to someone else;"
                + " e.g. 8s, or raise acd.ring-timeout");
        assertThat(db).doesNotExist();
    }

    @Test
    void withNoTelephonyBackendEnabledServeSaysWhichKeysToSetInOneLineAndOpensNothing() throws Exception {
        Path db = dir.resolve("none.db");

        Served s = serve("store:\n  url: jdbc:sqlite:" + db + "\nflows:\n  dir: ../ivr-flows\n", "--port", "0");

        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).startsWith("frontline: asterisk.enabled, twilio.enabled, sim.enabled: no telephony backend")
                .contains("serve --demo").doesNotContain("Exception").hasLineCount(1);
        assertThat(db).doesNotExist(); // checked before the store is opened
    }

    @Test
    void aTestPhoneCallThroughTheSupportFlowPopsTheOperatorsScreenAndEndsInWrapUp() throws Exception {
        // Monday 12:00 in Vilnius (open), moving with real time
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z")));
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\n", "test", Map.of());
        Path db = dir.resolve("demo.db");
        try (Stores stores = DemoStore.open(config, db, clock)) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(
                        new NewOperator("anna", "Anna", stores.slowHash().hash("pw".toCharArray()),
                                Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()),
                                Set.of(Language.values()), "PJSIP/op101", Optional.empty()),
                        new NewOperator("vida", "Vida", stores.slowHash().hash("pw".toCharArray()),
                                Operator.Role.SUPERVISOR, Set.of(), Set.of(), Set.of(Language.EN), "PJSIP/op190",
                                Optional.empty())));
                stores.customers().insertAll(c, List.of(new NewCustomer("100200", "Jonas Jonaitis",
                        Optional.of("+37061111111"), List.of(), "jonas@example.com", "Laisves al. 1", "Kaunas",
                        "Fiber 300", List.of("internet"), "active", Language.EN, "jonas", Optional.empty())));
                return null;
            });
        }
        FrontlineServer.Options options = FrontlineServer.Options.demo(db).withPort(0)
                .withTraffic(false, Optional.empty());

        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            assertThat(server.demoAccounts()).extracting(FrontlineServer.DemoAccount::login)
                    .containsExactly("vida", "anna");
            DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
            assertThat(anna.await(ServerMessage.Welcome.class, 5).login()).isEqualTo("anna");
            assertThat(anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null))))
                    .isInstanceOf(ServerMessage.Ack.class);
            String vida = http.login("vida", "pw");
            DeskClient.Socket phone = http.connect(vida);

            Views.PhoneCallAnswer call = http.post("/api/sim/calls", vida, "{\"from\":\"+37061111111\"}")
                    .as(Views.PhoneCallAnswer.class);
            Views.PhoneTurn turn = call.turn();
            for (int i = 0; i < 5 && turn.await().equals("digits"); i++) {
                String keys = String.join(" ", turn.steps().stream().map(Views.PhoneStep::key).toList());
                String digit = keys.contains("main-menu") ? "1" : "2"; // technical; "keep waiting" elsewhere
                turn = http.post("/api/sim/calls/" + call.callId() + "/input", vida, "{\"digits\":\"" + digit + "\"}")
                        .as(Views.PhoneCallAnswer.class).turn();
            }
            assertThat(turn.await()).isEqualTo("queue");

            ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
            assertThat(pop.callId()).isEqualTo(call.callId());
            assertThat(pop.customer().contractNumber()).isEqualTo("100200");
            assertThat(pop.trail().intent()).isEqualTo("technical");
            assertThat(pop.trail().identified()).isTrue();
            assertThat(pop.trail().steps()).isNotEmpty();

            assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            anna.await(ServerMessage.CallConnected.class, 5);
            assertThat(anna.reply(anna.send(new ClientMessage.HangUpCall(anna.nextId(), pop.callId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            ServerMessage.CallFinished finished = anna.await(ServerMessage.CallFinished.class, 5);
            assertThat(finished.callId()).isEqualTo(pop.callId());
            Views.PhoneTurn after;
            do {
                after = phone.await(ServerMessage.PhoneTurnPushed.class, 5).turn();
            } while (!after.await().equals("digits"));
            assertThat(after.steps()).extracting(Views.PhoneStep::key).anyMatch(k -> k.contains("rate"));
            ServerMessage.StateChanged s;
            do {
                s = anna.await(ServerMessage.StateChanged.class, 5);
            } while (s.state() != OperatorState.WRAP_UP);
            assertThat(anna.reply(anna.send(new ClientMessage.EndWrapUp(anna.nextId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            do {
                s = anna.await(ServerMessage.StateChanged.class, 5);
            } while (s.state() != OperatorState.READY);
        }

        // a restart rebuilds the ACD from its log: a desktop logging in again is welcomed with its state
        try (FrontlineServer again = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(again.port());
            ServerMessage.Welcome welcome = http.connect(http.login("anna", "pw"))
                    .await(ServerMessage.Welcome.class, 5);
            assertThat(welcome.state()).isEqualTo(OperatorState.READY);
            assertThat(welcome.current()).isNull();
        }
    }

    /** A demo desk (no traffic) whose operator anna (line 1) talks with a caller of the test phone; piotr (line 2) ready. */
    private record TalkingDesk(FrontlineServer server, DeskClient http, String annaToken, DeskClient.Socket anna,
                               DeskClient.Socket piotr, String callId) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private TalkingDesk annaTalking(String dbName, NewOperator... more) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z")));
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\n", "test", Map.of());
        Path db = dir.resolve(dbName);
        try (Stores stores = DemoStore.open(config, db, clock)) {
            String hash = stores.slowHash().hash("pw".toCharArray());
            List<NewOperator> operators = new java.util.ArrayList<>(List.of(
                    new NewOperator("anna", "Anna", hash, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                            Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op101", Optional.empty()),
                    new NewOperator("piotr", "Piotr", hash, Operator.Role.OPERATOR, Set.of(Tier.LINE2),
                            Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op106", Optional.empty())));
            for (NewOperator o : more) { // the same password "pw"
                operators.add(new NewOperator(o.login(), o.name(), hash, o.role(), o.tiers(), o.intents(), o.languages(),
                        o.endpoint(), o.mobile()));
            }
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, operators);
                stores.customers().insertAll(c, List.of( // customers to find by search; the caller is none of them
                        new dev.frontline.core.customer.NewCustomer("5550101", "Ona Petraitė", Optional.of("+37061111111"),
                                List.of(), "", "Gedimino 1", "Vilnius-1", "Fiber 300", List.of("internet"), "active",
                                Language.LT, "ona", Optional.empty()),
                        new dev.frontline.core.customer.NewCustomer("5550102", "Jonas Jonaitis", Optional.of("+37062222222"),
                                List.of(), "", "Laisves 2", "Kaunas", "TV Max", List.of("tv"), "active",
                                Language.LT, "jonas", Optional.empty())));
                return null;
            });
        }
        FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.demo(db).withPort(0)
                .withTraffic(false, Optional.empty()), clock);
        DeskClient http = new DeskClient(server.port());
        String annaToken = http.login("anna", "pw");
        DeskClient.Socket anna = http.connect(annaToken);
        DeskClient.Socket piotr = http.connect(http.login("piotr", "pw"));
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
        piotr.reply(piotr.send(new ClientMessage.SetState(piotr.nextId(), OperatorState.READY, null)));
        Views.PhoneCallAnswer call = http.post("/api/sim/calls", annaToken, "{\"from\":\"+37069999999\"}")
                .as(Views.PhoneCallAnswer.class);
        Views.PhoneTurn turn = call.turn();
        for (int i = 0; i < 6 && turn.await().equals("digits"); i++) {
            String keys = String.join(" ", turn.steps().stream().map(Views.PhoneStep::key).toList());
            Views.PhoneInput in = keys.contains("main-menu") ? new Views.PhoneInput("1", null, null)
                    : keys.contains("language") ? new Views.PhoneInput("1", null, null)
                    : new Views.PhoneInput(null, true, null);
            turn = http.post("/api/sim/calls/" + call.callId() + "/input", annaToken,
                    DeskClient.JSON.writeValueAsString(in)).as(Views.PhoneCallAnswer.class).turn();
        }
        assertThat(turn.await()).isEqualTo("queue");
        ServerMessage.ScreenPop first = anna.await(ServerMessage.ScreenPop.class, 10);
        anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), first.callId())));
        anna.await(ServerMessage.CallConnected.class, 5);
        return new TalkingDesk(server, http, annaToken, anna, piotr, first.callId());
    }

    @Test
    void anOperatorTransfersACallToLine2AndTheLine2OperatorGetsTheScreenPop() throws Exception {
        try (TalkingDesk d = annaTalking("transfer.db")) {
            DeskClient http = d.http();
            String annaToken = d.annaToken();
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            String ticket = ((ServerMessage.Ack) anna.reply(anna.send(new ClientMessage.CreateTicket(anna.nextId(),
                    callId, null, "No sync since morning", Tier.LINE1)))).detail();
            ServerMessage moved = anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId,
                    null, Tier.LINE2)));

            assertThat(moved).isInstanceOf(ServerMessage.Ack.class);
            assertThat(http.get("/api/tickets/" + ticket, annaToken).json().get("ticket").get("tier").asText())
                    .as("the call's ticket goes to line 2 with it").isEqualTo("line2");
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            ServerMessage.ScreenPop second = piotr.await(ServerMessage.ScreenPop.class, 10);
            assertThat(second.callId()).isEqualTo(callId);
            assertThat(piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), second.callId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            piotr.await(ServerMessage.CallConnected.class, 5);
        }
    }

    /** Issue 22 item 6: a caller identified by search becomes the call's customer, with the call's ticket. */
    @Test
    void anUnknownCallerIdentifiedBySearchOwnsTheCallAndItsTicket() throws Exception {
        try (TalkingDesk d = annaTalking("identify.db")) {
            DeskClient.Socket anna = d.anna();
            String ticket = ((ServerMessage.Ack) anna.reply(anna.send(new ClientMessage.CreateTicket(anna.nextId(),
                    d.callId(), null, "Cannot log in", Tier.LINE1)))).detail();
            com.fasterxml.jackson.databind.JsonNode someone;
            try (dev.frontline.core.store.Database db = dev.frontline.core.store.Database.sqlite(dir.resolve("identify.db"))) {
                someone = DeskClient.JSON.valueToTree(db.read(c -> {
                    try (var rs = c.createStatement().executeQuery(
                            "SELECT id, contract_number FROM customers ORDER BY id LIMIT 2")) {
                        List<List<String>> out = new java.util.ArrayList<>();
                        while (rs.next()) {
                            out.add(List.of(rs.getString(1), rs.getString(2)));
                        }
                        return out;
                    }
                }));
            }
            long found = someone.get(0).get(0).asLong();
            long notSearched = someone.get(1).get(0).asLong();
            assertThat(anna.reply(anna.send(new ClientMessage.IdentifyCaller(anna.nextId(), d.callId(), notSearched))))
                    .as("a customer this operator did not find").isInstanceOf(ServerMessage.ErrorReply.class);
            assertThat(d.http().get("/api/customers?q=" + someone.get(0).get(1).asText(), d.annaToken()).status())
                    .isEqualTo(200);

            assertThat(anna.reply(anna.send(new ClientMessage.IdentifyCaller(anna.nextId(), d.callId(), found))))
                    .isInstanceOf(ServerMessage.Ack.class);

            assertThat(d.http().get("/api/tickets/" + ticket, d.annaToken()).json().get("customerId").asLong())
                    .isEqualTo(found);
        }
    }

    @Test
    void anOperatorPassesACallToANamedColleagueWhosePopSaysWhoAndWhy() throws Exception {
        try (TalkingDesk d = annaTalking("named-transfer.db", new NewOperator("marta", "Marta", "", Operator.Role.OPERATOR,
                Set.of(Tier.LINE1), Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op107", Optional.empty()))) {
            DeskClient http = d.http();
            DeskClient.Socket anna = d.anna();
            String callId = d.callId();
            DeskClient.Socket marta = http.connect(http.login("marta", "pw"));
            assertThat(anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId, null, null,
                    "nobody", null)))).as("an unknown colleague").isInstanceOf(ServerMessage.ErrorReply.class);
            assertThat(anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId, null, null,
                    "marta", null)))).as("marta is not signed in yet").isInstanceOf(ServerMessage.ErrorReply.class);
            marta.reply(marta.send(new ClientMessage.SetState(marta.nextId(), OperatorState.READY, null)));
            marta.await(ServerMessage.StateChanged.class, 5); // what anna's desk list shows her: marta is in

            ServerMessage moved = anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId,
                    null, null, "marta", "Router replaced yesterday, still drops every hour")));

            assertThat(moved).isInstanceOf(ServerMessage.Ack.class);
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            ServerMessage.ScreenPop second = marta.await(ServerMessage.ScreenPop.class, 10);
            assertThat(second.callId()).isEqualTo(callId);
            assertThat(second.transferredBy()).isNotNull();
            assertThat(second.transferredBy().from()).isEqualTo("anna");
            assertThat(second.transferredBy().note()).isEqualTo("Router replaced yesterday, still drops every hour");
            assertThat(marta.reply(marta.send(new ClientMessage.AcceptCall(marta.nextId(), second.callId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            marta.await(ServerMessage.CallConnected.class, 5);
        }
    }

    /**
     * Found by using the demo: "4 for your contract number" asks for a PIN that nobody trying the test phone could
     * know. The demo desk lists sample callers with their PINs; each PIN must be the one the menu checks.
     */
    @Test
    void theDemoDesksSampleCallersPinsAreTheOnesTheMenuAccepts() throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z")));
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\n", "test", Map.of());
        FrontlineServer.Options options = new FrontlineServer.Options(true, dir.resolve("samples.db"),
                java.util.OptionalInt.of(0), false, Optional.empty(), 120, false);
        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            assertThat(http.get("/api/sim/sample-callers", null).status()).isEqualTo(401);
            String token = http.login(server.demoAccounts().get(0).login(), FrontlineServer.DEMO_PASSWORD);
            List<Views.SampleCaller> samples = List.of(http.get("/api/sim/sample-callers", token)
                    .as(Views.SampleCaller[].class));
            assertThat(samples).extracting(Views.SampleCaller::language).contains("en", "lt", "ru");
            assertThat(samples).anyMatch(Views.SampleCaller::outage);
            DeskClient.Socket desk = http.connect(token);
            for (Views.SampleCaller sample : samples) {
                Views.PhoneCallAnswer call = http.post("/api/sim/calls", token,
                        DeskClient.JSON.writeValueAsString(new Views.PhoneCallRequest(sample.number(), null, null)))
                        .as(Views.PhoneCallAnswer.class);
                Views.PhoneTurn turn = call.turn();
                List<Views.PhoneStep> heard = new ArrayList<>(turn.steps());
                for (int i = 0; i < 6 && turn.await().equals("digits")
                        && heard.stream().noneMatch(st -> "say-digits".equals(st.kind())); i++) {
                    String keys = String.join(" ", turn.steps().stream().map(Views.PhoneStep::key).toList());
                    String digits = keys.contains("enter-pin") ? sample.pin() + "#" : keys.contains("main-menu") ? "4" : null;
                    Views.PhoneInput in = digits == null ? new Views.PhoneInput(null, true, null) : new Views.PhoneInput(digits, null, null);
                    turn = http.post("/api/sim/calls/" + call.callId() + "/input", token,
                            DeskClient.JSON.writeValueAsString(in)).as(Views.PhoneCallAnswer.class).turn();
                    heard.addAll(turn.steps());
                }
                assertThat(heard).as("%s calling as %s with PIN %s", sample.name(), sample.number(), sample.pin())
                        .anyMatch(st -> "say-digits".equals(st.kind()) && st.digits() != null && st.digits().matches("100\\d{5}"));
                if (sample == samples.get(0)) { // "1: by text": the demo's text shows on the test phone of that number
                    http.post("/api/sim/calls/" + call.callId() + "/input", token, "{\"digits\":\"1\"}");
                    ServerMessage.PhoneText text = desk.await(ServerMessage.PhoneText.class, 10);
                    assertThat(text.to()).isEqualTo(sample.number());
                    String contract = heard.stream().filter(st -> "say-digits".equals(st.kind())).findFirst().orElseThrow().digits();
                    assertThat(text.body()).contains(contract);
                }
                http.post("/api/sim/calls/" + call.callId() + "/input", token, "{\"hangup\":true}");
            }
        }
    }

    @Test
    void aRestartEndsSimulatedCallsThatDiedWithTheProcessInsteadOfLeavingTheOperatorTalking() throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z")));
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\n", "test", Map.of());
        Path db = dir.resolve("restart.db");
        try (Stores stores = DemoStore.open(config, db, clock)) {
            String hash = stores.slowHash().hash("pw".toCharArray());
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("anna", "Anna", hash,
                        Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.values()),
                        Set.of(Language.values()), "PJSIP/op101", Optional.empty())));
                return null;
            });
        }
        FrontlineServer.Options options = FrontlineServer.Options.demo(db).withPort(0)
                .withTraffic(false, Optional.empty());
        String callId;
        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            String token = http.login("anna", "pw");
            DeskClient.Socket anna = http.connect(token);
            anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));
            Views.PhoneCallAnswer call = http.post("/api/sim/calls", token, "{\"from\":\"+37069999999\"}")
                    .as(Views.PhoneCallAnswer.class);
            Views.PhoneTurn turn = call.turn();
            for (int i = 0; i < 6 && turn.await().equals("digits"); i++) {
                String keys = String.join(" ", turn.steps().stream().map(Views.PhoneStep::key).toList());
                Views.PhoneInput in = keys.contains("main-menu") || keys.contains("language")
                        ? new Views.PhoneInput("1", null, null) : new Views.PhoneInput(null, true, null);
                turn = http.post("/api/sim/calls/" + call.callId() + "/input", token,
                        DeskClient.JSON.writeValueAsString(in)).as(Views.PhoneCallAnswer.class).turn();
            }
            ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
            anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId())));
            anna.await(ServerMessage.CallConnected.class, 5);
            callId = pop.callId();
        } // the process "dies" mid-conversation: the simulated line goes with it

        try (FrontlineServer again = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(again.port());
            ServerMessage.Welcome welcome = http.connect(http.login("anna", "pw"))
                    .await(ServerMessage.Welcome.class, 5);
            assertThat(welcome.state()).isEqualTo(OperatorState.WRAP_UP);
            assertThat(welcome.current()).isNull();
            assertThat(again.acd().snapshot().operators()).filteredOn(o -> o.id().value().equals("anna"))
                    .extracting(o -> o.state()).containsExactly(OperatorState.WRAP_UP);
            assertThat(callId).isNotBlank();
        }
    }

    // ---- warm (consult) transfer on the simulated line (issue 21) ----

    /** The next consult message of {@code stage} to this desk (earlier ones of other stages are passed over). */
    private static ServerMessage.ConsultChanged consultMessage(DeskClient.Socket desk, String stage) throws Exception {
        return next(desk, ServerMessage.ConsultChanged.class, m -> stage.equals(m.stage()), "consult " + stage);
    }

    /** The next message of {@code type} that is {@code wanted} (up to ten others are passed over). */
    private static <T extends ServerMessage> T next(DeskClient.Socket desk, Class<T> type,
                                                    java.util.function.Predicate<T> wanted, String what) throws Exception {
        for (int i = 0; i < 10; i++) {
            T m = desk.await(type, 10);
            if (wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no " + what);
    }

    private List<List<String>> rows(String dbName, String sql) {
        return dev.frontline.server.testing.StoreRows.of(dir.resolve(dbName), sql);
    }

    @Test
    void anOperatorConsultsAReadyColleagueWhileTheCallerHoldsThenCompletesTheTransfer() throws Exception {
        try (TalkingDesk d = annaTalking("consult.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            Views.Colleague[] colleagues = d.http().get("/api/colleagues", d.annaToken()).as(Views.Colleague[].class);
            assertThat(colleagues).extracting(Views.Colleague::login).containsExactly("piotr");
            assertThat(colleagues[0].name()).isEqualTo("Piotr");

            assertThat(anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "piotr", null,
                    "modem replaced, still drops")))).isInstanceOf(ServerMessage.Ack.class);

            assertThat(anna.await(ServerMessage.CallHoldChanged.class, 5).held()).isTrue();
            assertThat(consultMessage(anna, "ringing").to()).isEqualTo("piotr");
            ServerMessage.ScreenPop pop = piotr.await(ServerMessage.ScreenPop.class, 10);
            assertThat(pop.callId()).isEqualTo(callId);
            assertThat(pop.transferredBy().consult()).isTrue();
            assertThat(pop.transferredBy().from()).isEqualTo("anna");
            assertThat(pop.transferredBy().note()).isEqualTo("modem replaced, still drops");
            assertThat(piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(piotr.await(ServerMessage.CallConnected.class, 5).callId()).isEqualTo(callId);
            consultMessage(anna, "talking");

            assertThat(anna.reply(anna.send(new ClientMessage.CompleteTransfer(anna.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);

            assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("completed");
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            assertThat(piotr.reply(piotr.send(new ClientMessage.HangUpCall(piotr.nextId(), callId))))
                    .as("the caller talks with piotr now").isInstanceOf(ServerMessage.Ack.class);
            assertThat(piotr.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            assertThat(rows("consult.db", "SELECT operator_login, consults, warm_transfers, holds FROM calls WHERE call_id = '"
                    + callId + "'")).containsExactly(List.of("piotr", "1", "1", "1"));
        }
    }

    @Test
    void aCancelledOrUnansweredConsultationGivesTheCallerBackToTheFirstOperator() throws Exception {
        try (TalkingDesk d = annaTalking("consult-cancel.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            assertThat(anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, null, null, null))))
                    .as("nobody named, no line").isInstanceOf(ServerMessage.ErrorReply.class);
            assertThat(anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "nobody", null, null))))
                    .as("not signed in").isInstanceOf(ServerMessage.ErrorReply.class);
            assertThat(anna.reply(anna.send(new ClientMessage.CompleteTransfer(anna.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consultMessage(anna, "refused").detail()).isEqualTo("anna has no consultation on this call");

            // cancelled after piotr answered
            anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, null, Tier.LINE2, "line 2 please")));
            piotr.await(ServerMessage.ScreenPop.class, 10);
            piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), callId)));
            consultMessage(anna, "talking");
            assertThat(anna.reply(anna.send(new ClientMessage.CancelConsult(anna.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("cancelled");
            assertThat(piotr.await(ServerMessage.CallOfferWithdrawn.class, 5).reason())
                    .isEqualTo(ServerMessage.CallOfferWithdrawn.CONSULT_ENDED);
            awaitHold(anna, false);

            // piotr declines the next one (as a busy or unanswered phone): the caller is back with anna again
            anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "piotr", null, null)));
            piotr.await(ServerMessage.ScreenPop.class, 10);
            assertThat(piotr.reply(piotr.send(new ClientMessage.HangUpCall(piotr.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);
            ServerMessage.ConsultChanged ended = consultMessage(anna, "ended");
            assertThat(ended.outcome()).isEqualTo("not-answered");
            assertThat(ended.detail()).isEqualTo("declined");
            awaitHold(anna, false);
            assertThat(anna.reply(anna.send(new ClientMessage.HangUpCall(anna.nextId(), callId))))
                    .as("anna still has the caller").isInstanceOf(ServerMessage.Ack.class);
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            assertThat(rows("consult-cancel.db", "SELECT operator_login, consults, warm_transfers FROM calls WHERE call_id = '"
                    + callId + "'")).containsExactly(List.of("anna", "2", "0"));
        }
    }

    /** Issue 21: a desk that reconnects mid-consultation is told of it, on both sides, and can still complete it. */
    @Test
    void aDeskReconnectingMidConsultationIsWelcomedWithIt() throws Exception {
        try (TalkingDesk d = annaTalking("consult-reconnect.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "piotr", null, "modem")));
            piotr.await(ServerMessage.ScreenPop.class, 10);
            DeskClient.Socket annaRinging = d.http().connect(d.annaToken());
            Views.Consultation ringing = annaRinging.await(ServerMessage.Welcome.class, 5).consult();
            assertThat(ringing).isNotNull();
            assertThat(ringing.stage()).isEqualTo("ringing");
            annaRinging.close();
            piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), callId)));
            consultMessage(anna, "talking");

            anna.close(); // the connection drops; the desk comes back
            DeskClient.Socket annaBack = d.http().connect(d.annaToken());
            ServerMessage.Welcome welcome = annaBack.await(ServerMessage.Welcome.class, 5);
            DeskClient.Socket piotrBack = d.http().connect(d.http().login("piotr", "pw"));
            ServerMessage.Welcome piotrWelcome = piotrBack.await(ServerMessage.Welcome.class, 5);

            assertThat(welcome.current().callId()).isEqualTo(callId);
            assertThat(welcome.consult()).isNotNull();
            assertThat(welcome.consult().callId()).isEqualTo(callId);
            assertThat(welcome.consult().from()).isEqualTo("anna");
            assertThat(welcome.consult().to()).isEqualTo("piotr");
            assertThat(welcome.consult().stage()).isEqualTo("talking");
            assertThat(welcome.consult().note()).isEqualTo("modem");
            assertThat(piotrWelcome.consult()).as("the colleague's side").isEqualTo(welcome.consult());
            assertThat(piotrWelcome.callPhase()).isEqualTo("connected");
            assertThat(annaBack.reply(annaBack.send(new ClientMessage.CompleteTransfer(annaBack.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consultMessage(annaBack, "ended").outcome()).isEqualTo("completed");
            DeskClient.Socket afterwards = d.http().connect(d.annaToken());
            assertThat(afterwards.await(ServerMessage.Welcome.class, 5).consult()).as("over").isNull();
        }
    }

    /** The first operator hangs up while the colleague's phone still rings: the caller waits again, never lost. */
    @Test
    void theFirstOperatorHangingUpBeforeTheColleagueAnswersPutsTheCallerBackInItsQueue() throws Exception {
        try (TalkingDesk d = annaTalking("consult-left.db")) {
            DeskClient.Socket anna = d.anna();
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            anna.reply(anna.send(new ClientMessage.ConsultCall(anna.nextId(), callId, "piotr", null, null)));
            piotr.await(ServerMessage.ScreenPop.class, 10);

            assertThat(anna.reply(anna.send(new ClientMessage.HangUpCall(anna.nextId(), callId))))
                    .isInstanceOf(ServerMessage.Ack.class);

            assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("consultant-left");
            assertThat(anna.await(ServerMessage.CallFinished.class, 5).callId()).isEqualTo(callId);
            anna.reply(anna.send(new ClientMessage.EndWrapUp(anna.nextId())));
            ServerMessage.ScreenPop again = anna.await(ServerMessage.ScreenPop.class, 10);
            assertThat(again.callId()).as("the line-1 caller comes back to the next line-1 operator").isEqualTo(callId);
            assertThat(rows("consult-left.db", "SELECT type FROM call_events WHERE call_id = '" + callId
                    + "' AND type IN ('ConsultEnded', 'CallTransferred', 'CallEnded', 'CallAbandoned') ORDER BY seq"))
                    .containsExactly(List.of("ConsultEnded"), List.of("CallTransferred"));
        }
    }

    // ---- listen / whisper / barge on the simulated line (issue 21) ----

    private static final NewOperator SUE = new NewOperator("sue", "Sue", "", Operator.Role.SUPERVISOR, Set.of(),
            Set.of(), Set.of(Language.EN), "sim:sue", Optional.empty());

    /** The next listening-in message of {@code stage} to this desk (earlier ones are passed over). */
    private static ServerMessage.SpyChanged spyMessage(DeskClient.Socket desk, String stage) throws Exception {
        return next(desk, ServerMessage.SpyChanged.class, m -> stage.equals(m.stage()), "spy " + stage);
    }

    /** The next turn pushed to the test phone that carries a notice (a supervisor joining or leaving). */
    private static String phoneNotice(DeskClient.Socket phone) throws Exception {
        for (int i = 0; i < 10; i++) {
            Views.PhoneTurn t = phone.await(ServerMessage.PhoneTurnPushed.class, 10).turn();
            for (Views.PhoneStep step : t.steps()) {
                if ("notice".equals(step.kind())) {
                    return step.key();
                }
            }
        }
        throw new AssertionError("no notice on the test phone");
    }

    @Test
    void aSupervisorListensWhispersAndBargesOnTheSimulatedLineAndOnlySupervisorsMay() throws Exception {
        try (TalkingDesk d = annaTalking("spy.db", SUE)) {
            DeskClient.Socket anna = d.anna(); // anna's login also placed the test call: its turns reach her socket
            DeskClient.Socket piotr = d.piotr();
            String callId = d.callId();
            assertThat(piotr.reply(piotr.send(new ClientMessage.Supervise(piotr.nextId(), "anna",
                    dev.frontline.core.common.SpyMode.LISTEN)))).as("an operator may not listen in")
                    .isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            assertThat(piotr.reply(piotr.send(new ClientMessage.StopSupervise(piotr.nextId()))))
                    .isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            String sueToken = d.http().login("sue", "pw");
            DeskClient.Socket sue = d.http().connect(sueToken);
            assertThat(sue.reply(sue.send(new ClientMessage.StopSupervise(sue.nextId()))))
                    .as("nothing to stop yet").isInstanceOf(ServerMessage.ErrorReply.class);

            assertThat(sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "anna",
                    dev.frontline.core.common.SpyMode.LISTEN)))).isInstanceOf(ServerMessage.Ack.class);

            Views.Spy listening = spyMessage(sue, "on").spy();
            assertThat(listening.callId()).isEqualTo(callId);
            assertThat(listening.operator()).isEqualTo("anna");
            assertThat(listening.caller()).isEqualTo("+37069999999");
            assertThat(listening.mode()).isEqualTo(dev.frontline.core.common.SpyMode.LISTEN);
            DeskClient.Socket annaAgain = d.http().connect(d.annaToken());
            assertThat(annaAgain.await(ServerMessage.Welcome.class, 5).spy()).as("listening is silent").isNull();
            annaAgain.close();

            sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "anna", dev.frontline.core.common.SpyMode.WHISPER)));
            assertThat(spyMessage(sue, "on").spy().mode()).isEqualTo(dev.frontline.core.common.SpyMode.WHISPER);
            ServerMessage.SpyChanged coached = spyMessage(anna, "on");
            assertThat(coached.spy().supervisor()).isEqualTo("sue");
            assertThat(coached.spy().mode()).isEqualTo(dev.frontline.core.common.SpyMode.WHISPER);

            sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "anna", dev.frontline.core.common.SpyMode.BARGE)));
            assertThat(phoneNotice(anna)).as("the caller hears the supervisor join").isEqualTo("supervisor-joined");
            DeskClient.Socket sueAgain = d.http().connect(sueToken);
            Views.Spy restored = sueAgain.await(ServerMessage.Welcome.class, 5).spy();
            assertThat(restored.mode()).as("a reconnecting supervisor desk still shows it").isEqualTo(
                    dev.frontline.core.common.SpyMode.BARGE);
            assertThat(restored.since()).isEqualTo(listening.since());
            sueAgain.close();

            assertThat(sue.reply(sue.send(new ClientMessage.StopSupervise(sue.nextId()))))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(spyMessage(sue, "ended").outcome()).isEqualTo("stopped");
            assertThat(spyMessage(anna, "ended").outcome()).isEqualTo("stopped");
            assertThat(phoneNotice(anna)).isEqualTo("supervisor-left");

            // listening again; anna passes the call to line 2: the listening-in ends with her part of the call
            sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "anna", dev.frontline.core.common.SpyMode.WHISPER)));
            spyMessage(anna, "on");
            anna.reply(anna.send(new ClientMessage.TransferCall(anna.nextId(), callId, null, Tier.LINE2)));
            assertThat(spyMessage(sue, "ended").outcome()).isEqualTo("transferred");
            assertThat(spyMessage(anna, "ended").outcome()).isEqualTo("transferred");

            // piotr takes the caller; sue listens to him until the call ends
            piotr.await(ServerMessage.ScreenPop.class, 10);
            piotr.reply(piotr.send(new ClientMessage.AcceptCall(piotr.nextId(), callId)));
            piotr.await(ServerMessage.CallConnected.class, 5);
            assertThat(sue.reply(sue.send(new ClientMessage.Supervise(sue.nextId(), "piotr",
                    dev.frontline.core.common.SpyMode.LISTEN)))).isInstanceOf(ServerMessage.Ack.class);
            spyMessage(sue, "on");
            piotr.reply(piotr.send(new ClientMessage.HangUpCall(piotr.nextId(), callId)));
            assertThat(spyMessage(sue, "ended").outcome()).isEqualTo("call-ended");

            String from = "call " + callId + " from sim:sue";
            assertThat(rows("spy.db", "SELECT actor, action, subject, detail FROM audit_log"
                    + " WHERE action LIKE 'supervise%' ORDER BY id")).containsExactly(
                    List.of("sue", "supervise-listen", "anna", from),
                    List.of("sue", "supervise-whisper", "anna", from),
                    List.of("sue", "supervise-barge", "anna", from),
                    List.of("sue", "supervise-end", "anna", "call " + callId + ": stopped"),
                    List.of("sue", "supervise-whisper", "anna", from),
                    List.of("sue", "supervise-end", "anna", "call " + callId + ": transferred"),
                    List.of("sue", "supervise-listen", "piotr", from),
                    List.of("sue", "supervise-end", "piotr", "call " + callId + ": call-ended"));
        }
    }

    private static void awaitHold(DeskClient.Socket desk, boolean held) throws Exception {
        for (int i = 0; i < 10; i++) {
            if (desk.await(ServerMessage.CallHoldChanged.class, 5).held() == held) {
                return;
            }
        }
        throw new AssertionError("no call-hold " + held);
    }
}
