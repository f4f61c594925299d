package dev.frontline.server.asterisk.real;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.server.testing.DeskClient;
import org.asteriskjava.manager.event.AgiExecEndEvent;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.frontline.server.asterisk.real.RealDesk.JONAS;
import static dev.frontline.server.asterisk.real.RealDesk.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frontline against a real Asterisk 22 (see {@link RealPbx}): runs when {@value RealPbx#ENV} names an Asterisk
 * install prefix, and is skipped with one line otherwise (CI has no Asterisk).
 */
@org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = RealPbx.ENV, matches = ".*\\S.*",
        disabledReason = "skipped: set FRONTLINE_ASTERISK_HOME to an Asterisk 22 install prefix to run against a real PBX")
class RealAsteriskIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration T = Duration.ofSeconds(30);
    private static final AtomicInteger CALLS = new AtomicInteger();

    @TempDir
    static Path pbxDir;
    @TempDir
    Path dir;

    static RealPbx pbx;
    static int agiPort;
    RealDesk desk;

    @BeforeAll
    static void startPbx() throws Exception {
        Optional<Path> install = RealPbx.install();
        if (install.isEmpty()) {
            System.out.println("RealAsteriskIT skipped: set " + RealPbx.ENV
                    + " to an Asterisk 22 install prefix (holding sbin/asterisk) to run Frontline against a real PBX");
        }
        Assumptions.assumeTrue(install.isPresent(), RealPbx.ENV + " is not set to an Asterisk install");
        agiPort = RealPbx.freePort();
        pbx = RealPbx.start(install.get(), pbxDir, REPO, agiPort);
    }

    @AfterAll
    static void stopPbx() throws Exception {
        if (pbx != null) {
            pbx.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierEvents() {
        pbx.clearEvents();
    }

    @AfterEach
    void stopDesk() {
        if (desk != null) {
            desk.close();
        }
    }

    private RealDesk desk(String... operators) throws Exception {
        return deskWith("", operators);
    }

    /** The desk with {@code extraConfig} (YAML appended to the generated frontline.yaml). */
    private RealDesk deskWith(String extraConfig, String... operators) throws Exception {
        desk = RealDesk.start(dir, REPO, agiPort, pbx.amiPort(), "", extraConfig, List.of(operators));
        eventually(T, "AMI logged in", () -> desk.server.asterisk().map(a -> a.amiConnected()).orElse(false));
        return desk;
    }

    private static String callId() {
        return "it" + System.nanoTime() % 1_000_000_000L + "x" + CALLS.incrementAndGet();
    }

    /** The IVR on the caller's channel started the AGI command starting with {@code prefix}. */
    /** Jonas calls as {@code id}, presses 1 in the main menu and is answered by anna's phone; her desk shows her talking. */
    private RealPbx.Caller talkingWithAnna(String id) throws Exception {
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        pbx.await(TestPhoneAnsweredEvent.class, e -> "anna".equals(e.getPhone()), T);
        eventually(T, "anna talking", () -> rows("SELECT 1 FROM call_events WHERE call_id = ? AND type = 'CallAnswered'", id) == 1);
        return jonas;
    }

    private void awaitCommand(String callId, String prefix) throws InterruptedException {
        pbx.await(AgiExecStartEvent.class, e -> callId.equals(e.getUniqueId()) && e.getCommand() != null
                && e.getCommand().replace("\"", "").startsWith(prefix), T);
    }

    @Test
    void aKnownCallerReachesTheReadyOperatorWhoAnswersThenRatesTheCall() throws Exception {
        desk("anna");
        pbx.phone("anna", "answer:2:3");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 30);
        assertThat(pop.callId()).isEqualTo(id);
        assertThat(pop.customer().contractNumber()).isEqualTo("100200");
        awaitCommand(id, "EXEC Dial");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.press("5");
        eventually(T, "call record ended", () -> rows("SELECT outcome FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT outcome, answered_at IS NOT NULL, operator_login FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("answered", "1", "anna"));
        eventually(T, "rating stored", () -> rows("SELECT score FROM ratings WHERE call_id = ? AND score = 5", id) == 1);
        assertThat(desk.eventTypes(id)).containsSubsequence("CallQueued", "CallOffered", "CallAnswered", "CallEnded");
    }


    // ---- defects seen on the real PBX (issue 18) ----

    /** Defect 1: the phone rings within a second of the offer; no-answer goes to the offer it belongs to. */
    @Test
    void theRingTimerCountsFromTheRealDialAndEveryOutcomeGoesToItsOffer() throws Exception {
        desk("anna", "boris");
        pbx.phone("anna", "never");
        pbx.phone("boris", "answer:1:3");
        desk.ready("anna");
        Thread.sleep(50); // anna has been idle longest: she is offered first
        DeskClient.Socket boris = desk.ready("boris");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        TestPhoneEvent annaRings = pbx.await(TestPhoneEvent.class, e -> "anna".equals(e.getPhone()), T);
        long offeredAt = Long.parseLong(desk.query("SELECT at FROM call_events WHERE call_id = ? AND type = 'CallOffered' "
                + "AND operator_login = 'anna'", id).get(0).get(0));
        long ringDelay = annaRings.getDateReceived().getTime() - offeredAt;
        System.out.println("RealAsteriskIT: anna's phone rang " + ringDelay + " ms after the offer");
        assertThat(ringDelay).as("ms from the offer to the ring").isLessThan(2_000);
        boris.await(ServerMessage.ScreenPop.class, 40);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.press("5");
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT outcome, answered_at IS NOT NULL, operator_login FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("answered", "1", "boris"));
        assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN "
                + "('CallRequeued', 'CallAnswered', 'CallAbandoned') ORDER BY seq", id))
                .containsExactly(List.of("CallRequeued", "anna"), List.of("CallAnswered", "boris"));
        assertThat(missed("boris")).as("boris was never marked missed").isZero();
        assertThat(missed("anna")).isEqualTo(1);
    }

    /** Defect 2: Dial's CANCEL is the caller's hang-up, not the operator's no-answer. */
    @Test
    void aCallerHangingUpWhileThePhoneRingsLeavesTheOperatorReady() throws Exception {
        desk("anna");
        pbx.phone("anna", "never");
        desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        pbx.await(TestPhoneEvent.class, e -> "anna".equals(e.getPhone()) && JONAS.equals(e.getCaller()), T);
        Thread.sleep(1_000);
        jonas.hangUp();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        Thread.sleep(500);
        assertThat(desk.query("SELECT outcome, answered_at FROM calls WHERE call_id = ?", id))
                .containsExactly(java.util.Arrays.asList("abandoned", null));
        assertThat(desk.eventTypes(id)).contains("CallAbandoned").doesNotContain("CallRequeued");
        assertThat(missed("anna")).isZero();
        assertThat(lastState("anna")).isEqualTo("READY");
    }

    /** Defect 3: a host not allowed to use FastAGI is refused, and the shipped dialplan rings the fallback phones. */
    @Test
    void aRefusedFastAgiConnectionRingsTheFallbackPhones() throws Exception {
        desk = RealDesk.start(dir, REPO, agiPort, pbx.amiPort(), "  allowed-hosts: [127.0.0.2]\n", "", List.of("anna"));
        String id = callId();
        pbx.call(id, "+37069999001");
        pbx.await(TestFallbackEvent.class, e -> "+37069999001".equals(e.getCaller()), T);
    }

    /** Defect 3: a full channel pool refuses the call, and the shipped dialplan rings the fallback phones. */
    @Test
    void aCallBeyondTheChannelPoolRingsTheFallbackPhones() throws Exception {
        desk = RealDesk.start(dir, REPO, agiPort, pbx.amiPort(), "  pool-core: 1\n  pool-max: 1\n", "", List.of("anna"));
        String first = callId();
        pbx.call(first, JONAS);
        awaitCommand(first, "STREAM FILE " + REPO.resolve("sounds") + "/en/welcome");
        pbx.call(callId(), "+37069999002");
        pbx.await(TestFallbackEvent.class, e -> "+37069999002".equals(e.getCaller()), T);
    }

    /** Defect 4: a caller who joins the queue hears position, wait and the callback offer at once, not a minute later. */
    @Test
    void aCallerJoiningTheQueueHearsPositionWaitAndTheCallbackOfferOnJoining() throws Exception {
        desk("anna");
        pbx.phone("anna", "answer:1:40");
        desk.ready("anna");
        String first = callId();
        RealPbx.Caller one = pbx.call(first, JONAS);
        awaitCommand(first, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        one.press("1");
        pbx.await(TestPhoneAnsweredEvent.class, e -> "anna".equals(e.getPhone()), T);
        String second = callId();
        RealPbx.Caller two = pbx.call(second, RealDesk.OLGA);
        awaitCommand(second, "STREAM FILE " + REPO.resolve("sounds") + "/ru/main-menu");
        two.press("1");
        awaitCommand(second, "STREAM FILE " + REPO.resolve("sounds") + "/ru/queue-connecting");
        long joined = System.currentTimeMillis();
        awaitCommand(second, "STREAM FILE " + REPO.resolve("sounds") + "/ru/queue-position");
        awaitCommand(second, "STREAM FILE " + REPO.resolve("sounds") + "/ru/queue-callback-offer");
        long after = System.currentTimeMillis() - joined;
        System.out.println("RealAsteriskIT: position and callback offer " + after + " ms after queue-connecting");
        assertThat(after).isLessThan(15_000);
        two.hangUp();
        one.hangUp();
    }

    /** Defect 8: after the caller hangs up nothing more is sent to the dead channel. */
    @Test
    void nothingIsSentToTheChannelAfterTheCallerHangsUp() throws Exception {
        desk("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        awaitCommand(id, "SET MUSIC");
        Thread.sleep(1_500);
        jonas.hangUp();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        Thread.sleep(1_000);
        assertThat(pbx.all(AgiExecEndEvent.class, e -> id.equals(e.getUniqueId())
                && Integer.valueOf(511).equals(e.getResultCode())).stream().map(AgiExecEndEvent::getCommand).toList())
                .as("commands answered 511 (dead channel)").isEmpty();
    }


    /**
     * Defects 5 and 9: {@code core restart now} cuts the waiting caller off: a lost line (not an abandon) whose
     * caller keeps its place as a callback; after the restart the PBX's state is read again once it can answer.
     */
    @Test
    void aPbxRestartIsALostLineThatKeepsTheCallersPlaceAndTheStateIsReadAgain() throws Exception {
        desk("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        awaitCommand(id, "SET MUSIC");
        eventually(T, "first state read", () -> desk.server.asterisk().get().amiStateReads() >= 1);
        long reads = desk.server.asterisk().get().amiStateReads();
        long logins = desk.server.asterisk().get().amiLogins();
        pbx.restartNow();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        Thread.sleep(500);
        System.out.println("RealAsteriskIT: events of the restarted call " + desk.eventTypes(id));
        assertThat(desk.eventTypes(id)).doesNotContain("CallAbandoned");
        assertThat(desk.query("SELECT outcome FROM calls WHERE call_id = ?", id)).containsExactly(List.of("line-lost"));
        assertThat(desk.query("SELECT number FROM callbacks WHERE call_id = ?", id)).containsExactly(List.of(JONAS));
        eventually(T, "AMI logged in again", () -> desk.server.asterisk().get().amiLogins() > logins);
        eventually(T, "state read again after the restart", () -> desk.server.asterisk().get().amiStateReads() > reads);
    }


    /** Self-service: PIN, the contract number read out digit by digit, then sent by SMS to the mobile on file. */
    @Test
    void aVerifiedCallerHearsTheContractNumberAndGetsItBySms() throws Exception {
        desk("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("4");
        awaitCommand(id, "GET DATA " + REPO.resolve("sounds") + "/en/enter-pin");
        jonas.press(RealDesk.PIN + "#");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/your-contract-is");
        for (char d : "100200".toCharArray()) {
            awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/digits/" + d);
        }
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/contract-sms-offer");
        jonas.press("1");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/sms-sent");
        eventually(T, "SMS logged", () -> rows("SELECT 1 FROM sms_messages WHERE to_number = ? AND purpose = 'contract-number'", JONAS) == 1);
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT outcome, verified FROM calls WHERE call_id = ?", id)).containsExactly(List.of("self-served", "1"));
    }

    /**
     * A caller takes the callback that keeps its place; when an operator is free the PBX rings the operator, then the
     * customer, who sees the desk's number (defect 6: it was empty, "unknown").
     */
    /** Jonas calls as {@code id}, queues and takes the callback offer; the callback is stored. */
    private void takesTheCallbackThatKeepsItsPlace(String id) throws Exception {
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/queue-callback-offer");
        jonas.press("1");
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/callback-confirmed");
        eventually(T, "callback stored", () -> rows("SELECT 1 FROM callbacks WHERE call_id = ?", id) == 1);
    }

    @Test
    void aKeptPlaceIsCalledBackShowingTheDesksNumber() throws Exception {
        desk("anna");
        String id = callId();
        takesTheCallbackThatKeepsItsPlace(id);
        pbx.phone("anna", "answer:1:8");
        desk.ready("anna");
        TestCustomerEvent customer = pbx.await(TestCustomerEvent.class, e -> JONAS.equals(e.getNumber()), T);
        assertThat(customer.getCaller()).isEqualTo("+37052000000");
        eventually(T, "callback done", () -> rows("SELECT 1 FROM callbacks WHERE call_id = ? AND state = 'done'", id) == 1);
    }

    /**
     * Issue 21 / ADR 0147 on the real PBX: an answered callback is held (the customer's leg is redirected to
     * frontline-callback-held and hears music, the operator's leg waits), taken back (the customer's leg bridges with
     * the operator's again), held once more, and the customer hangs up while held: the callback is done, the call
     * ended, the operator's leg hung up with it. (First runs showed the real PBX running the operator leg's h once
     * at the hold, and the dialplan's SoftHangup of the peer leg not ending it: both handled in AmiControl now.)
     */
    @Test
    void aCallbackCallIsHeldWithMusicTakenBackAndEndsWhenTheCustomerHangsUpOnHold() throws Exception {
        RealDesk desk = desk("anna");
        String id = callId();
        takesTheCallbackThatKeepsItsPlace(id);
        pbx.global("CUSTOMER_MODE", "long");
        try {
            pbx.phone("anna", "answer:1:60");
            DeskClient.Socket anna = desk.ready("anna");
            pbx.await(TestCustomerEvent.class, e -> JONAS.equals(e.getNumber()), T);
            eventually(T, "callback answered", () -> rows("SELECT 1 FROM call_events WHERE type = 'CallbackAnswered'") == 1);
            String attempt = desk.query("SELECT call_id FROM call_events WHERE type = 'CallbackAnswered'").get(0).get(0);
            java.util.function.Predicate<String> customerLeg = ch -> ch != null
                    && ch.startsWith("Local/" + JONAS + "@test-customers-") && ch.endsWith(";1");

            ServerMessage held = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.HoldCall(anna.nextId(), attempt, true)));
            assertThat(held).isInstanceOf(ServerMessage.Ack.class);
            String customer = pbx.await(org.asteriskjava.manager.event.MusicOnHoldStartEvent.class,
                    e -> customerLeg.test(e.getChannel()), T).getChannel();
            ServerMessage resumed = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.HoldCall(anna.nextId(), attempt, false)));
            assertThat(resumed).isInstanceOf(ServerMessage.Ack.class);
            pbx.await(org.asteriskjava.manager.event.MusicOnHoldStopEvent.class, e -> customer.equals(e.getChannel()), T);
            // (ADR 0152: the customer's leg is in Frontline's script, whose Bridge() takes the operator's leg back)
            pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> customer.equals(e.getChannel())
                    && pbx.all(org.asteriskjava.manager.event.BridgeEnterEvent.class, x -> customer.equals(x.getChannel())).size() >= 2, T);

            pbx.clearEvents();
            ServerMessage again = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.HoldCall(anna.nextId(), attempt, true)));
            assertThat(again).isInstanceOf(ServerMessage.Ack.class);
            pbx.await(org.asteriskjava.manager.event.MusicOnHoldStartEvent.class, e -> customer.equals(e.getChannel()), T);
            // the operator's leg still waits: the redirect out of the Bridge did not end it
            assertThat(pbx.all(org.asteriskjava.manager.event.HangupEvent.class,
                    e -> e.getChannel() != null && e.getChannel().startsWith("Local/anna@test-phones"))).isEmpty();
            pbx.send(new org.asteriskjava.manager.action.HangupAction(customer.replace(";1", ";2"))); // the customer hangs up
            eventually(T, "callback done", () -> rows("SELECT 1 FROM callbacks WHERE call_id = ? AND state = 'done'", id) == 1);
            eventually(T, "call ended", () -> {
                try {
                    return desk.eventTypes(attempt).contains("CallEnded");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(desk.eventTypes(attempt)).containsSubsequence("CallbackAnswered", "CallHeld", "CallResumed",
                    "CallHeld", "CallEnded");
            // the operator's waiting leg is hung up by Frontline (AMI Hangup) once the customer's leg reported ENDED
            pbx.await(org.asteriskjava.manager.event.HangupEvent.class,
                    e -> e.getChannel() != null && e.getChannel().startsWith("Local/anna@test-phones"), T);
        } finally {
            pbx.global("CUSTOMER_MODE", "");
        }
    }

    /** Jonas's kept place is called back by anna (line 1) and answered; the attempt id (the call's id) is returned. */
    private String annaTalksWithACallbackCustomer(DeskClient.Socket[] annaOut) throws Exception {
        String id = callId();
        takesTheCallbackThatKeepsItsPlace(id);
        pbx.global("CUSTOMER_MODE", "long");
        pbx.phone("anna", "answer:1:60");
        annaOut[0] = desk.ready("anna");
        pbx.await(TestCustomerEvent.class, e -> JONAS.equals(e.getNumber()), T);
        eventually(T, "callback answered", () -> rows("SELECT 1 FROM call_events WHERE type = 'CallbackAnswered'") == 1);
        String attempt = desk.query("SELECT call_id FROM call_events WHERE type = 'CallbackAnswered'").get(0).get(0);
        // the customer's leg runs Frontline's script (ADR 0152) and is bridged with anna's leg there
        awaitCommandOn(ch -> ch.startsWith("Local/" + JONAS + "@test-customers-"), "EXEC Bridge Local/anna@test-phones");
        return attempt;
    }

    /** A script on the channel {@code channel} matches started the AGI command starting with {@code prefix}. */
    private void awaitCommandOn(java.util.function.Predicate<String> channel, String prefix) throws InterruptedException {
        pbx.await(AgiExecStartEvent.class, e -> e.getChannel() != null && channel.test(e.getChannel())
                && e.getCommand() != null && e.getCommand().replace("\"", "").startsWith(prefix), T);
    }

    /**
     * Issue 21 / ADR 0152 on the real PBX: an answered callback is a live call in Frontline's script, so anna passes
     * it to line 2 (cold transfer): her leg ends, the customer hears music and boris's phone rings from the script's
     * Dial; boris answers and the call ends with him when the customer hangs up.
     */
    @Test
    void anAnsweredCallbackIsPassedToLineTwoAndAnsweredThere() throws Exception {
        desk("anna@1", "boris@2");
        try {
            DeskClient.Socket[] a = new DeskClient.Socket[1];
            pbx.phone("boris", "answer:1:60");
            DeskClient.Socket boris = desk.ready("boris");
            String attempt = annaTalksWithACallbackCustomer(a);
            ServerMessage reply = a[0].reply(a[0].send(new dev.frontline.core.api.ClientMessage.TransferCall(a[0].nextId(),
                    attempt, null, dev.frontline.core.common.Tier.LINE2)));
            assertThat(reply).isInstanceOf(ServerMessage.Ack.class);
            ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 30);
            assertThat(pop.callId()).isEqualTo(attempt);
            pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
            eventually(T, "boris answered", () -> rows("SELECT 1 FROM call_events WHERE call_id = ? AND type = 'CallAnswered' "
                    + "AND operator_login = 'boris'", attempt) == 1);
            String customer = pbx.all(AgiExecStartEvent.class, e -> e.getChannel() != null
                    && e.getChannel().startsWith("Local/" + JONAS + "@test-customers-")).get(0).getChannel();
            pbx.send(new org.asteriskjava.manager.action.HangupAction(customer.replace(";1", ";2"))); // jonas hangs up
            eventually(T, "call ended", () -> rows("SELECT 1 FROM call_events WHERE call_id = ? AND type = 'CallEnded'",
                    attempt) == 1);
            assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ("
                    + "'CallbackAnswered', 'CallTransferred', 'CallAnswered', 'CallEnded', 'CallAbandoned') ORDER BY seq",
                    attempt)).containsExactly(List.of("CallbackAnswered", "anna"), List.of("CallTransferred", "anna"),
                    List.of("CallAnswered", "boris"), List.of("CallEnded", "boris"));
        } finally {
            pbx.global("CUSTOMER_MODE", "");
        }
    }

    /**
     * Issue 21 / ADR 0152 on the real PBX: anna consults boris about an answered callback (the customer holds in
     * Frontline's script, boris's phone is originated into frontline-consult), then completes: the customer talks with
     * boris, and the call ends with him.
     */
    @Test
    void anAnsweredCallbackIsConsultedAndCompletedToAColleague() throws Exception {
        desk("anna@1", "boris@1");
        try {
            DeskClient.Socket[] a = new DeskClient.Socket[1];
            pbx.phone("boris", "answer:1:60");
            String attempt = annaTalksWithACallbackCustomer(a); // (boris Ready before would have taken jonas's call)
            DeskClient.Socket anna = a[0];
            DeskClient.Socket boris = desk.ready("boris");
            while (boris.await(ServerMessage.StateChanged.class, 30).state() != dev.frontline.core.acd.OperatorState.READY) {
                Thread.onSpinWait();
            }
            assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, attempt, "boris", null,
                    "wants a new contract"))).isInstanceOf(ServerMessage.Ack.class);
            ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 30);
            assertThat(pop.transferredBy().consult()).isTrue();
            pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
            consultMessage(anna, "talking");
            pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> (attempt + "-consult-1").equals(e.getUniqueId()), T);
            assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.CompleteTransfer(n, attempt)))
                    .isInstanceOf(ServerMessage.Ack.class);
            assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("completed");
            awaitCommandOn(ch -> ch.startsWith("Local/" + JONAS + "@test-customers-"), "EXEC Bridge " + attempt + "-consult-1");
            Thread.sleep(1000); // jonas talks with boris
            String customer = pbx.all(AgiExecStartEvent.class, e -> e.getChannel() != null
                    && e.getChannel().startsWith("Local/" + JONAS + "@test-customers-")).get(0).getChannel();
            pbx.send(new org.asteriskjava.manager.action.HangupAction(customer.replace(";1", ";2")));
            eventually(T, "call ended", () -> rows("SELECT 1 FROM call_events WHERE call_id = ? AND type = 'CallEnded'",
                    attempt) == 1);
            assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ("
                    + "'ConsultOffered', 'ConsultAnswered', 'ConsultEnded', 'CallEnded') ORDER BY seq", attempt))
                    .containsExactly(List.of("ConsultOffered", "anna"), List.of("ConsultAnswered", "boris"),
                            List.of("ConsultEnded", "anna"), List.of("CallEnded", "boris"));
        } finally {
            pbx.global("CUSTOMER_MODE", "");
        }
    }

    /** 200 callers at once in the menu and the queue: none refused, none left behind on either side. */
    @Test
    void twoHundredConcurrentCallersAreServedAndLeaveNoChannelBehind() throws Exception {
        desk("anna"); // logged in, not ready: everyone waits
        int n = 200;
        List<RealPbx.Caller> callers = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            callers.add(pbx.call(callId(), JONAS));
            Thread.sleep(10);
        }
        java.util.concurrent.ExecutorService hands = java.util.concurrent.Executors.newFixedThreadPool(40);
        List<java.util.concurrent.Future<?>> pressed = new java.util.ArrayList<>();
        for (RealPbx.Caller c : callers) { // each caller presses 1 when the main menu plays, as people would
            pressed.add(hands.submit(() -> {
                awaitCommand(c.callId(), "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
                c.press("1");
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : pressed) {
            f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        hands.shutdown();
        eventually(Duration.ofSeconds(90), "all in the queue", () -> {
            try {
                return desk.query("SELECT count(*) FROM call_events WHERE type = 'CallQueued'").get(0).get(0).equals("" + n);
            } catch (Exception e) {
                return false;
            }
        });
        int live = desk.server.asterisk().get().liveChannels();
        for (RealPbx.Caller c : callers) {
            c.hangUp();
        }
        eventually(Duration.ofSeconds(60), "all call records ended", () -> rows("SELECT 1 FROM calls WHERE ended_at IS NOT NULL") == n);
        eventually(T, "no channel left in Frontline", () -> desk.server.asterisk().get().liveChannels() == 0);
        eventually(T, "no channel left on the PBX", () -> {
            try {
                return pbx.cli("core show channels count").contains("0 active channels");
            } catch (Exception e) {
                return false;
            }
        });
        System.out.println("RealAsteriskIT: " + n + " callers, " + live + " in Frontline's script at once, refused "
                + desk.server.asterisk().get().stats());
        assertThat(live).isEqualTo(n);
        assertThat(desk.server.asterisk().get().stats().refusedPoolFull()).isZero();
        assertThat(desk.server.asterisk().get().stats().refusedNotAllowed()).isZero();
        assertThat(desk.query("SELECT count(*) FROM calls WHERE outcome = 'abandoned'")).containsExactly(List.of("" + n));
    }


    /**
     * Issue 21, on the real PBX: line 1 passes a live call to line 2. The first operator's leg ends, the caller keeps
     * its place (no rating, no abandon), line 2's phone rings and the call ends with line 2's operator.
     */
    @Test
    void aLiveCallIsPassedFromLineOneToLineTwo() throws Exception {
        desk("anna@1", "boris@2");
        pbx.phone("anna", "answer:1:60");
        pbx.phone("boris", "answer:1:3");
        DeskClient.Socket anna = desk.ready("anna");
        DeskClient.Socket boris = desk.ready("boris");
        String id = callId();
        RealPbx.Caller jonas = talkingWithAnna(id);
        ServerMessage reply = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.TransferCall(anna.nextId(), id,
                null, dev.frontline.core.common.Tier.LINE2)));
        assertThat(reply).isInstanceOf(ServerMessage.Ack.class);
        ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 30);
        assertThat(pop.callId()).isEqualTo(id);
        pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.press("4");
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ('CallAnswered', "
                + "'CallTransferred', 'CallEnded', 'CallAbandoned') ORDER BY seq", id)).containsExactly(
                List.of("CallAnswered", "anna"), List.of("CallTransferred", "anna"), List.of("CallAnswered", "boris"),
                List.of("CallEnded", "boris"));
        assertThat(desk.query("SELECT outcome, operator_login FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("answered", "boris"));
    }


    /**
     * Issue 21 on the real PBX: anna passes a live call to her colleague boris by name with a note; the longer-idle
     * carl is skipped, boris's pop says who passed it and why, and the call ends answered by boris.
     */
    @Test
    void aLiveCallIsPassedToANamedColleagueWithANote() throws Exception {
        desk("anna@1", "carl@1", "boris@1");
        pbx.phone("anna", "answer:1:60");
        pbx.phone("boris", "answer:1:3");
        pbx.phone("carl", "answer:1:3");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = talkingWithAnna(id);
        DeskClient.Socket carl = desk.ready("carl"); // idle longest: the line's usual choice
        Thread.sleep(1000);
        DeskClient.Socket boris = desk.ready("boris");
        ServerMessage reply = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.TransferCall(anna.nextId(), id,
                null, null, "boris", "modem replaced, still drops")));
        assertThat(reply).isInstanceOf(ServerMessage.Ack.class);
        ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 30);
        assertThat(pop.callId()).isEqualTo(id);
        assertThat(pop.transferredBy().from()).isEqualTo("anna");
        assertThat(pop.transferredBy().note()).isEqualTo("modem replaced, still drops");
        pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.press("5");
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ('CallOffered', "
                + "'CallAnswered', 'CallTransferred', 'CallEnded') ORDER BY seq", id)).containsExactly(
                List.of("CallOffered", "anna"), List.of("CallAnswered", "anna"), List.of("CallTransferred", "anna"),
                List.of("CallOffered", "boris"), List.of("CallAnswered", "boris"), List.of("CallEnded", "boris"));
        assertThat(carl).isNotNull();
    }

    /** Issue 21 on the real PBX: a supervisor whispers to a talking operator (ChanSpy); recorded; operators may not. */
    @Test
    void aSupervisorWhispersToATalkingOperatorAndItIsRecorded() throws Exception {
        desk("anna");
        pbx.phone("anna", "answer:1:40");
        pbx.phone("sam", "answer:0:8");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = talkingWithAnna(id);
        DeskClient.Socket sam = desk.http.connect(desk.http.login("sam", "pw"));
        sam.await(ServerMessage.Welcome.class, 5);
        Thread.sleep(300);

        ServerMessage denied = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.Supervise(anna.nextId(),
                "anna", dev.frontline.core.common.SpyMode.LISTEN)));
        assertThat(denied).isInstanceOf(ServerMessage.ErrorReply.class);
        ServerMessage ok = sam.reply(sam.send(new dev.frontline.core.api.ClientMessage.Supervise(sam.nextId(), "anna",
                dev.frontline.core.common.SpyMode.WHISPER)));
        assertThat(ok).isInstanceOf(ServerMessage.Ack.class);
        org.asteriskjava.manager.event.ChanSpyStartEvent spy = pbx.await(org.asteriskjava.manager.event.ChanSpyStartEvent.class,
                e -> e.getSpyeeChannel() != null && e.getSpyeeChannel().startsWith("Local/anna@test-phones"), T);
        assertThat(spy.getSpyerChannel()).startsWith("Local/sam@test-phones");
        assertThat(desk.query("SELECT actor, action, subject FROM audit_log WHERE action LIKE 'supervise-%'")).containsExactly(
                List.of("sam", "supervise-whisper", "anna"));
        sam.close();
        jonas.hangUp();
    }

    /**
     * Issue 21 on the real PBX: a supervisor listening in switches to whisper without their phone ringing again (DTMF 5
     * received on the spy channel: ChanSpy's d option), Stop hangs the spy channel up (ChanSpyStop, the desk shows it
     * stopped), and when the supervisor, listening again, hangs up their own phone the desk ends the listening-in.
     */
    @Test
    void aSupervisorSwitchesToWhisperWithoutARingStopsAndHangsUp() throws Exception {
        desk("anna");
        // anna's phone sends audio, as a phone's RTP does: ChanSpy ends only once its audiohooks are off her leg,
        // which takes her leg's next frame (with a silent test phone the stopped spy channel stayed up until the end)
        pbx.phone("anna", "talk:1:60");
        pbx.phone("sam", "answer:0:60");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = talkingWithAnna(id);
        DeskClient.Socket sam = desk.http.connect(desk.http.login("sam", "pw"));
        sam.await(ServerMessage.Welcome.class, 5);
        Thread.sleep(300);
        java.util.function.Predicate<String> samsPhone = ch -> ch != null && ch.startsWith("Local/sam@test-phones");

        assertThat(send(sam, n -> new dev.frontline.core.api.ClientMessage.Supervise(n, "anna",
                dev.frontline.core.common.SpyMode.LISTEN))).isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.ChanSpyStartEvent.class, e -> samsPhone.test(e.getSpyerChannel()), T);
        assertThat(send(sam, n -> new dev.frontline.core.api.ClientMessage.Supervise(n, "anna",
                dev.frontline.core.common.SpyMode.WHISPER))).isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.DtmfEndEvent.class, e -> (id + "-spy-1").equals(e.getUniqueId())
                && "5".equals(String.valueOf(e.getDigit())), T);
        assertThat(pbx.all(TestPhoneEvent.class, e -> "sam".equals(e.getPhone()))).as("sam's phone rang once").hasSize(1);

        assertThat(send(sam, n -> new dev.frontline.core.api.ClientMessage.StopSupervise(n)))
                .isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.HangupEvent.class, e -> (id + "-spy-1").equals(e.getUniqueId()), T);
        pbx.await(org.asteriskjava.manager.event.ChanSpyStopEvent.class, e -> samsPhone.test(e.getSpyerChannel()), T);

        assertThat(send(sam, n -> new dev.frontline.core.api.ClientMessage.Supervise(n, "anna",
                dev.frontline.core.common.SpyMode.LISTEN))).isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.ChanSpyStartEvent.class, e -> samsPhone.test(e.getSpyerChannel())
                && pbx.all(org.asteriskjava.manager.event.ChanSpyStartEvent.class, x -> samsPhone.test(x.getSpyerChannel())).size() >= 2, T);
        pbx.send(new org.asteriskjava.manager.action.HangupAction("far-" + id + "-spy-2")); // sam puts the handset down
        ServerMessage.SpyChanged ended;
        do {
            ended = sam.await(ServerMessage.SpyChanged.class, 30);
        } while (!ServerMessage.SpyChanged.HUNG_UP.equals(ended.outcome()));
        assertThat(ended.stage()).isEqualTo(ServerMessage.SpyChanged.ENDED);
        assertThat(desk.query("SELECT action, detail FROM audit_log WHERE action = 'supervise-end' ORDER BY id"))
                .extracting(r -> r.get(1)).containsExactly("call " + id + ": stopped", "call " + id + ": hung-up");
        assertThat(anna).isNotNull();
        sam.close();
        jonas.hangUp();
    }

    /**
     * Issue 21 on the real PBX: the talking operator holds the caller (their leg leaves the Dial for frontline-held,
     * the caller hears music on hold), then takes them back (Bridge); held time and count are recorded.
     */
    @Test
    void anOperatorHoldsTheCallerWhoHearsMusicThenTakesThemBack() throws Exception {
        desk("anna");
        pbx.phone("anna", "answer:1:30");
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = talkingWithAnna(id);

        ServerMessage held = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.HoldCall(anna.nextId(), id, true)));
        assertThat(held).isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.MusicOnHoldStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        Thread.sleep(1500); // the caller hears music for a while
        ServerMessage resumed = anna.reply(anna.send(new dev.frontline.core.api.ClientMessage.HoldCall(anna.nextId(), id, false)));
        assertThat(resumed).isInstanceOf(ServerMessage.Ack.class);
        awaitCommand(id, "EXEC Bridge");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        jonas.hangUp();

        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.eventTypes(id)).containsSubsequence("CallAnswered", "CallHeld", "CallResumed", "CallEnded");
        List<List<String>> hold = desk.query("SELECT holds, held_ms, outcome, operator_login FROM calls WHERE call_id = ?", id);
        assertThat(hold.get(0).get(0)).isEqualTo("1");
        assertThat(Long.parseLong(hold.get(0).get(1))).isGreaterThanOrEqualTo(1000);
        assertThat(hold.get(0).subList(2, 4)).containsExactly("answered", "anna");
    }

    /** Issue 21 on the real PBX: a recorded line's conversation is written by MixMonitor and listed for the call. */
    @Test
    void aRecordedConversationIsWrittenByMixMonitorAndKeptWithTheCall() throws Exception {
        Path recordings = dir.resolve("recordings");
        desk = RealDesk.start(dir, REPO, agiPort, pbx.amiPort(), "", "recording:\n  enabled: true\n  dir: " + recordings + "\n",
                List.of("anna"));
        eventually(T, "AMI logged in", () -> desk.server.asterisk().map(a -> a.amiConnected()).orElse(false));
        pbx.phone("anna", "talk:1:4"); // answers and sends a tone: MixMonitor writes only the audio that flows
        DeskClient.Socket anna = desk.ready("anna");
        String id = callId();
        RealPbx.Caller jonas = pbx.call(id, JONAS);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/main-menu");
        jonas.press("1");
        pbx.await(org.asteriskjava.manager.event.MixMonitorStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        awaitCommand(id, "STREAM FILE " + REPO.resolve("sounds") + "/en/rate-call");
        jonas.hangUp();
        eventually(T, "the recording's row ended", () -> rows("SELECT 1 FROM recordings WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        List<List<String>> row = desk.query("SELECT path, operator_login, size_bytes FROM recordings WHERE call_id = ?", id);
        Path file = recordings.resolve(row.get(0).get(0)); // a relative path is under the recording directory
        assertThat(row.get(0).get(1)).isEqualTo("anna");
        assertThat(Files.size(file)).as("a WAV with some seconds of audio").isGreaterThan(8_000);
    }


    // ---- warm (consult) transfer on the real PBX (issue 21) ----

    private record Talk(DeskClient.Socket anna, DeskClient.Socket boris, RealPbx.Caller jonas) {}

    /** anna talks with jonas (caller {@code id}); boris is ready (signed in after anna answered). */
    private Talk annaTalksBorisReady(String id, String borisPhone) throws Exception {
        return annaTalksBorisReady(id, "answer:1:60", borisPhone, "");
    }

    private Talk annaTalksBorisReady(String id, String annaPhone, String borisPhone, String extraConfig) throws Exception {
        deskWith(extraConfig, "anna@1", "boris@1");
        pbx.phone("anna", annaPhone);
        pbx.phone("boris", borisPhone);
        DeskClient.Socket anna = desk.ready("anna");
        RealPbx.Caller jonas = talkingWithAnna(id);
        DeskClient.Socket boris = desk.ready("boris");
        // the desks' picture (which the consult command checks) follows the ACD's event, not the Ack: wait for it
        // (without this the colleague was still "offline" for the command in one run out of three)
        while (boris.await(ServerMessage.StateChanged.class, 30).state() != dev.frontline.core.acd.OperatorState.READY) {
            Thread.onSpinWait();
        }
        return new Talk(anna, boris, jonas);
    }

    private static ServerMessage.ConsultChanged consultMessage(DeskClient.Socket desk, String stage) throws Exception {
        for (int i = 0; i < 10; i++) {
            ServerMessage.ConsultChanged m = desk.await(ServerMessage.ConsultChanged.class, 30);
            if (stage.equals(m.stage())) {
                return m;
            }
            assertThat(m.stage()).as("consultation refused: %s", m.detail()).isNotEqualTo("refused");
        }
        throw new AssertionError("no consult message " + stage);
    }

    private static ServerMessage send(DeskClient.Socket desk, java.util.function.Function<String, dev.frontline.core.api.ClientMessage> m)
            throws Exception {
        return desk.reply(desk.send(m.apply(desk.nextId())));
    }

    /**
     * Issue 21 on the real PBX: anna holds jonas and consults boris (his phone is originated into frontline-consult and
     * bridged with anna's held leg), then completes: anna's leg ends and jonas is bridged to boris's leg.
     */
    @Test
    void consultThenCompleteGivesTheCallerToTheColleague() throws Exception {
        String id = callId();
        Talk t = annaTalksBorisReady(id, "answer:1:60");
        DeskClient.Socket anna = t.anna();
        DeskClient.Socket boris = t.boris();

        assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null,
                "modem replaced"))).isInstanceOf(ServerMessage.Ack.class);
        pbx.await(org.asteriskjava.manager.event.MusicOnHoldStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        ServerMessage.ScreenPop pop = boris.await(ServerMessage.ScreenPop.class, 30);
        assertThat(pop.transferredBy().consult()).isTrue();
        assertThat(pop.transferredBy().note()).isEqualTo("modem replaced");
        pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        consultMessage(anna, "talking");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> (id + "-consult-1").equals(e.getUniqueId()), T);

        assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.CompleteTransfer(n, id)))
                .isInstanceOf(ServerMessage.Ack.class);
        assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("completed");
        awaitCommand(id, "EXEC Bridge " + id + "-consult-1");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        Thread.sleep(1000); // jonas talks with boris for a while
        t.jonas().hangUp();

        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ('CallAnswered', "
                + "'ConsultOffered', 'ConsultAnswered', 'ConsultEnded', 'CallEnded', 'CallAbandoned') ORDER BY seq", id))
                .containsExactly(List.of("CallAnswered", "anna"), List.of("ConsultOffered", "anna"),
                        List.of("ConsultAnswered", "boris"), List.of("ConsultEnded", "anna"), List.of("CallEnded", "boris"));
        assertThat(desk.query("SELECT operator_login, consults, warm_transfers FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("boris", "1", "1"));
        assertThat(lastState("anna")).isEqualTo("WRAP_UP");
    }

    /**
     * Issue 21 on the real PBX, a recorded line: after a completed consultation the caller's talk with boris was
     * written on in anna's MixMonitor file and row. Now anna's recording ends at the completion and boris's has its
     * own file and row (each with audio: both phones send a tone).
     */
    @Test
    void aCompletedConsultationOnARecordedLineGivesTheColleagueHisOwnRecording() throws Exception {
        String id = callId();
        Path recordings = dir.resolve("recordings");
        Talk t = annaTalksBorisReady(id, "talk:1:60", "talk:1:60",
                "recording:\n  enabled: true\n  dir: " + recordings + "\n");
        pbx.await(org.asteriskjava.manager.event.MixMonitorStartEvent.class, e -> id.equals(e.getUniqueId()), T);
        Thread.sleep(1500); // anna and jonas talk for a while: audio in anna's file
        assertThat(send(t.anna(), n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null, null)))
                .isInstanceOf(ServerMessage.Ack.class);
        consultMessage(t.anna(), "talking");
        assertThat(send(t.anna(), n -> new dev.frontline.core.api.ClientMessage.CompleteTransfer(n, id)))
                .isInstanceOf(ServerMessage.Ack.class);
        awaitCommand(id, "EXEC Bridge " + id + "-consult-1");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        // boris's own MixMonitor runs before the talk is timed (under load it started after the 1.5 s: a 44-byte file)
        eventually(T, "boris's recording started", () -> pbx.all(org.asteriskjava.manager.event.MixMonitorStartEvent.class,
                e -> id.equals(e.getUniqueId()) || id.equals(e.getLinkedId())).size() >= 2);
        Thread.sleep(1500); // jonas talks with boris: audio in boris's file
        t.jonas().hangUp();

        eventually(T, "two recording rows ended",
                () -> rows("SELECT 1 FROM recordings WHERE call_id = ? AND ended_at IS NOT NULL", id) == 2);
        List<List<String>> rows = desk.query("SELECT operator_login, path, size_bytes FROM recordings WHERE call_id = ? "
                + "ORDER BY id", id);
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("anna", "boris");
        for (List<String> r : rows) {
            assertThat(Files.size(recordings.resolve(r.get(1)))).as("%s's file has audio", r.get(0)).isGreaterThan(8_000);
            // the row's size is taken when it ends: a row ended too early (by AMI's late MixMonitorStop) said 44
            assertThat(Long.parseLong(r.get(2))).as("%s's row has the file's size", r.get(0)).isGreaterThan(8_000);
        }
    }

    /**
     * Issue 21 on the real PBX: anna consults boris, then cancels: boris's leg is hung up, anna's leg goes back to
     * frontline-held (F() of the colleague's Bridge) and jonas is bridged to anna again; the call ends with anna.
     */
    @Test
    void consultThenCancelGivesTheCallerBackToTheFirstOperator() throws Exception {
        String id = callId();
        Talk t = annaTalksBorisReady(id, "answer:1:60");
        DeskClient.Socket anna = t.anna();
        send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null, null));
        pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        consultMessage(anna, "talking");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> (id + "-consult-1").equals(e.getUniqueId()), T);

        assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.CancelConsult(n, id)))
                .isInstanceOf(ServerMessage.Ack.class);

        assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("cancelled");
        pbx.await(org.asteriskjava.manager.event.HangupEvent.class, e -> (id + "-consult-1").equals(e.getUniqueId()), T);
        awaitCommand(id, "EXEC Bridge Local/anna@test-phones");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        Thread.sleep(1000);
        assertThat(rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id)).isZero();
        t.jonas().hangUp();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT type, operator_login FROM call_events WHERE call_id = ? AND type IN ("
                + "'ConsultEnded', 'CallResumed', 'CallEnded') ORDER BY seq", id)).containsExactly(
                List.of("ConsultEnded", "anna"), List.of("CallResumed", "anna"), List.of("CallEnded", "anna"));
        assertThat(desk.query("SELECT operator_login, consults, warm_transfers FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("anna", "1", "0"));
        assertThat(lastState("boris")).isEqualTo("READY");
    }

    /**
     * Issue 21 on the real PBX: boris's phone never answers the consultation: the originate's ring timeout ends it,
     * boris is missed and jonas is bridged to anna again.
     */
    @Test
    void consultTargetNoAnswerGivesTheCallerBackToTheFirstOperator() throws Exception {
        String id = callId();
        Talk t = annaTalksBorisReady(id, "never");
        DeskClient.Socket anna = t.anna();
        assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null, null)))
                .isInstanceOf(ServerMessage.Ack.class);
        consultMessage(anna, "ringing");
        pbx.await(TestPhoneEvent.class, e -> "boris".equals(e.getPhone()), T);

        ServerMessage.ConsultChanged ended = consultMessage(anna, "ended");
        assertThat(ended.outcome()).isEqualTo("not-answered");
        awaitCommand(id, "EXEC Bridge Local/anna@test-phones");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        eventually(T, "boris missed", () -> rows("SELECT 1 FROM call_events WHERE type = 'OperatorStateChanged' "
                + "AND operator_login = 'boris' AND payload LIKE '%MISSED%'") == 1);
        t.jonas().hangUp();
        eventually(T, "call record ended", () -> rows("SELECT outcome FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT outcome, operator_login FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("answered", "anna"));
    }

    /**
     * Issue 21 on the real PBX: anna hangs up her phone during the consultation. Once boris answered, the transfer
     * completes and jonas talks with boris; before that, jonas waits in line again and is not lost.
     */
    @Test
    void consultFirstOperatorHangsUpAfterTheColleagueAnsweredCompletesTheTransfer() throws Exception {
        String id = callId();
        Talk t = annaTalksBorisReady(id, "answer:1:60");
        DeskClient.Socket anna = t.anna();
        send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null, null));
        pbx.await(TestPhoneAnsweredEvent.class, e -> "boris".equals(e.getPhone()), T);
        consultMessage(anna, "talking");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> (id + "-consult-1").equals(e.getUniqueId()), T);

        String annasLeg = pbx.all(org.asteriskjava.manager.event.BridgeEnterEvent.class,
                e -> e.getChannel() != null && e.getChannel().startsWith("Local/anna@test-phones") && e.getChannel().endsWith(";1"))
                .get(0).getChannel();
        pbx.send(new org.asteriskjava.manager.action.HangupAction(annasLeg)); // anna puts her handset down

        assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("completed");
        awaitCommand(id, "EXEC Bridge " + id + "-consult-1");
        pbx.await(org.asteriskjava.manager.event.BridgeEnterEvent.class, e -> id.equals(e.getUniqueId()), T);
        t.jonas().hangUp();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT operator_login, warm_transfers FROM calls WHERE call_id = ?", id))
                .containsExactly(List.of("boris", "1"));
    }

    /** Issue 21 on the real PBX: anna hangs up while boris's phone still rings: jonas waits in line again. */
    @Test
    void consultFirstOperatorHangsUpBeforeTheColleagueAnswersPutsTheCallerBackInLine() throws Exception {
        String id = callId();
        Talk t = annaTalksBorisReady(id, "never");
        DeskClient.Socket anna = t.anna();
        assertThat(send(anna, n -> new dev.frontline.core.api.ClientMessage.ConsultCall(n, id, "boris", null, null)))
                .isInstanceOf(ServerMessage.Ack.class);
        consultMessage(anna, "ringing");
        pbx.await(TestPhoneEvent.class, e -> "boris".equals(e.getPhone()), T);
        String annasLeg = pbx.all(org.asteriskjava.manager.event.DialBeginEvent.class,
                e -> id.equals(e.getUniqueId()) && e.getDestChannel() != null).get(0).getDestChannel();
        pbx.phone("anna", "answer:1:60");

        pbx.send(new org.asteriskjava.manager.action.HangupAction(annasLeg));

        assertThat(consultMessage(anna, "ended").outcome()).isEqualTo("consultant-left");
        pbx.await(org.asteriskjava.manager.event.HangupEvent.class, e -> (id + "-consult-1").equals(e.getUniqueId()), T);
        anna.await(ServerMessage.CallFinished.class, 30);
        send(anna, n -> new dev.frontline.core.api.ClientMessage.EndWrapUp(n));
        ServerMessage.ScreenPop again = anna.await(ServerMessage.ScreenPop.class, 30);
        assertThat(again.callId()).as("jonas waited in line and is offered again").isEqualTo(id);
        pbx.await(TestPhoneAnsweredEvent.class, e -> "anna".equals(e.getPhone()) && pbx.all(TestPhoneAnsweredEvent.class,
                x -> "anna".equals(x.getPhone())).size() >= 2, T);
        t.jonas().hangUp();
        eventually(T, "call record ended", () -> rows("SELECT 1 FROM calls WHERE call_id = ? AND ended_at IS NOT NULL", id) == 1);
        assertThat(desk.query("SELECT type FROM call_events WHERE call_id = ? AND type IN ('ConsultEnded', 'CallTransferred', "
                + "'CallAbandoned', 'CallEnded') ORDER BY seq", id)).containsExactly(List.of("ConsultEnded"),
                List.of("CallTransferred"), List.of("CallEnded"));
    }

    private int missed(String login) throws Exception {
        return desk.query("SELECT 1 FROM call_events WHERE type = 'OperatorStateChanged' AND operator_login = ? "
                + "AND payload LIKE '%MISSED%'", login).size();
    }

    private String lastState(String login) throws Exception {
        List<List<String>> rows = desk.query("SELECT payload FROM call_events WHERE type = 'OperatorStateChanged' "
                + "AND operator_login = ? ORDER BY seq DESC LIMIT 1", login);
        String p = rows.get(0).get(0);
        int i = p.indexOf("\"state\":\"");
        return p.substring(i + 9, p.indexOf('"', i + 9));
    }

    private int rows(String sql, Object... args) {
        try {
            return desk.query(sql, args).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
