package dev.frontline.bench;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.asterisk.peer.FakeAsteriskAmi;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.frontline.server.asterisk.peer.FakeAsteriskAgi.key;

/**
 * {@link FailoverBench}'s telephone side ({@code agi=N}): N fake Asterisk channels (the server tests'
 * {@link FakeAsteriskAgi}, speaking FastAGI to the two {@code frontline serve} children) and staffed operators
 * (desk WebSocket clients of the server tests' {@link DeskClient}, READY, no wrap-up) whose phones the fake channels
 * answer (the operators take technical calls only: the web requests' callbacks are general, kept and checked but
 * not dialled): a caller presses through the support menu to the queue, and when the script runs {@code EXEC Dial}
 * to an operator's phone the call was offered; the channel "talks" for {@code talk} ms and reports {@code ANSWER}.
 *
 * <p>The one fake AMI plays the PBX for callbacks as Asterisk 22 runs the shipped dialplan's
 * {@code frontline-callbacks} (deploy/asterisk/extensions.conf, {@code RealAsteriskIT}'s callback case): an Originate
 * of an operator's phone is answered ({@code OriginateResponse} Success to the session that sent it), the customer
 * answers ({@code UserEvent FrontlineCallback Status: ANSWER}), they talk {@code talk} ms, and the hang-up sends
 * {@code Status: ENDED}. The UserEvents go to every AMI session logged in at that moment, as Asterisk's do: a
 * callback placed by a leader that is killed meanwhile goes on and reports to the new leader (if its AMI is back).
 *
 * <p>Each call follows the shipped dialplan with {@code FRONTLINE_HOST2} (deploy/asterisk/extensions.conf): the first
 * AGI goes to the server that last took a call (the leader, as FRONTLINE_HOST would be), and when that is refused or
 * ends without the call being served, the other one is tried, a refused connection again once a second up to 10
 * times; the same channel (same uniqueid) each time. A caller who heard {@code queue-connecting} and then reached the
 * dialplan's fallback (or a hang-up by the server, or 60 s of silence) without ever being offered is <b>lost</b>.
 * Routed twice: two {@code CallAnswered} events for one call in {@code call_events} (no transfers happen here), or
 * a Dial to an operator's phone while another caller is still talking on it.
 */
final class AgiTraffic {
    static final String SECRET = "failover-bench";
    private static final int CUSTOMERS = 200;

    private final int[] agiPorts;
    private final int[] apiPorts;
    private final int operators;
    private final long talkMillis;
    private final AtomicBoolean running;
    private final FakeAsteriskAmi ami;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000, 36);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile int hint; // the server whose AGI last took a call
    /** Per server: the last time (nanoTime) a caller heard queue-connecting from it / was offered by it. */
    final AtomicLongArray queued = new AtomicLongArray(2);
    final AtomicLongArray offered = new AtomicLongArray(2);
    /** Callers who heard queue-connecting and were never offered live: call id -> the round they ended in. */
    private final Map<String, Integer> notOffered = new ConcurrentHashMap<>();
    /** Callers offered to an operator live (a Dial). */
    private final Set<String> offeredIds = ConcurrentHashMap.newKeySet();
    /** The kill round under way (set by the bench; 0 before the first kill). */
    volatile int round;
    final AtomicLong callbacksPlaced = new AtomicLong();
    final AtomicLong callbacksEnded = new AtomicLong();
    private final java.util.concurrent.ScheduledExecutorService pbx = java.util.concurrent.Executors
            .newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "failover-fake-pbx");
                t.setDaemon(true);
                return t;
            });
    final AtomicLong queuedCallers = new AtomicLong();
    final AtomicLong servedCallers = new AtomicLong();
    final AtomicLong unconfirmedFallbacks = new AtomicLong(); // reached the fallback before hearing queue-connecting
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong phoneDoubleBooked = new AtomicLong();
    private final Map<String, String> talkingOn = new ConcurrentHashMap<>(); // phone endpoint -> call id
    volatile Process[] procs;

    AgiTraffic(int[] agiPorts, int[] apiPorts, int operators, long talkMillis, AtomicBoolean running)
            throws IOException {
        this.agiPorts = agiPorts;
        this.apiPorts = apiPorts;
        this.operators = operators;
        this.talkMillis = talkMillis;
        this.running = running;
        this.ami = FakeAsteriskAmi.start("frontline", SECRET);
        ami.onOriginate(this::originate);
    }

    /**
     * An Originate as Asterisk 22 runs it: a callback (context {@code frontline-callbacks}) is answered by the
     * operator's phone at once, the customer answers, talks {@code talk} ms and hangs up, each step a
     * {@code UserEvent FrontlineCallback} to every AMI session then logged in; anything else (a consultation) is
     * not answered.
     */
    private FakeAsteriskAmi.OriginateResult originate(Map<String, String> action) {
        if (!"frontline-callbacks".equals(action.get("context"))) {
            return FakeAsteriskAmi.OriginateResult.noAnswer();
        }
        String vars = action.getOrDefault("variable", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("FRONTLINE_ATTEMPT=([^,\\s]+)").matcher(vars);
        if (!m.find()) {
            return FakeAsteriskAmi.OriginateResult.noAnswer();
        }
        String attempt = m.group(1);
        String endpoint = action.getOrDefault("channel", "");
        callbacksPlaced.incrementAndGet();
        // the operator's leg, with the uniqueid the Originate asked for, is listed by CoreShowChannels until it ends
        String leg = action.getOrDefault("channelid", attempt + "-operator");
        ami.putChannel(endpoint + "-cb", leg, "");
        String other = talkingOn.putIfAbsent(endpoint, attempt);
        if (other != null && !other.equals(attempt)) {
            phoneDoubleBooked.incrementAndGet();
        }
        // the OriginateResponse goes out when this returns; the customer leg's reports follow it
        pbx.schedule(() -> ami.emit(callbackEvent(attempt, "ANSWER")), 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        pbx.schedule(() -> {
            talkingOn.remove(endpoint, attempt);
            callbacksEnded.incrementAndGet();
            ami.removeChannel(leg);
            ami.emit(callbackEvent(attempt, "ENDED"));
        }, 20 + talkMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return FakeAsteriskAmi.OriginateResult.answered();
    }

    /** The shipped dialplan's {@code UserEvent(FrontlineCallback,Attempt: a,Status: s)} as AMI sends it. */
    private static Map<String, String> callbackEvent(String attempt, String status) {
        Map<String, String> e = FakeAsteriskAmi.event("UserEvent", "UserEvent", "FrontlineCallback", "Attempt", attempt,
                "Status", status);
        e.put("Privilege", "user,all");
        return e;
    }

    /** The config sections for a server whose FastAGI port is {@code agiPort} (both use the one fake AMI). */
    String asteriskYaml(int agiPort) {
        return "asterisk:\n  enabled: true\n  port: " + agiPort + "\n  hold-poll: 200ms\n"
                + "  ami:\n    port: " + ami.port() + "\n    reconnect-min: 100ms\n";
    }

    /** Customers (so the menu knows the callers) and the operators, through the real stores of {@code config}. */
    void seed(Path config) throws IOException {
        FrontlineConfig c = FrontlineConfig.parse(Files.readString(config), config.toString(),
                Map.of(FrontlineConfig.ENV_AMI_SECRET, SECRET));
        try (Stores stores = Stores.open(c, Clock.systemUTC())) {
            List<NewCustomer> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                customers.add(new NewCustomer("F" + runId + "-" + i, "Failover Bench " + i,
                        Optional.of(customerNumber(i)), List.of(), "", "Street " + i, "Vilnius", "Fiber 100",
                        List.of("internet"), "active", Language.EN, null, Optional.empty()));
            }
            String hash = stores.slowHash().hash("pw".toCharArray());
            List<NewOperator> ops = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                ops.add(new NewOperator(login(i), "Failover Bench " + i, hash, Operator.Role.OPERATOR,
                        Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL), Set.of(Language.values()), "PJSIP/" + login(i),
                        Optional.empty()));
            }
            stores.database().inTransaction(x -> {
                stores.customers().insertAll(x, customers);
                stores.operators().insertAll(x, ops);
                return null;
            });
        }
    }

    private String login(int i) {
        return "fb" + runId + "o" + i;
    }

    private static String customerNumber(int i) {
        return String.format("+3706%07d", 5_000_000 + i);
    }

    void start(int callers) {
        for (int i = 0; i < operators; i++) {
            String login = login(i);
            threads.add(thread("desk-" + i, () -> deskLoop(login)));
        }
        for (int i = 0; i < callers; i++) {
            threads.add(thread("caller-" + i, this::callerLoop));
        }
    }

    void stop() throws InterruptedException, IOException {
        long until = System.nanoTime() + 5_000_000_000L; // a caller on hold may wait long: daemons, not awaited
        for (Thread t : threads) {
            t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
    }

    /** Stops the fake PBX (after {@link #stop} and the count). */
    void close() throws IOException {
        pbx.shutdownNow();
        ami.close();
    }

    /**
     * Queued callers lost, counted in the store after the run: a caller is lost when it heard queue-connecting and
     * was never offered to an operator live, and no callback kept for its call was answered (a caller whose
     * FastAGI session died with the leader keeps its place as a callback: called back, it is not lost).
     *
     * @return [0] per round (index = round, 0 before the first kill) lost; and the totals in {@link #lostTotals}
     */
    long[] lostPerRound(Database store, int rounds) {
        long[] perRound = new long[rounds + 1];
        long calledBack = 0;
        long pending = 0;
        long lost = 0;
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Integer> e : notOffered.entrySet()) {
            String state = store.read(c -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT state FROM callbacks WHERE call_id = ? ORDER BY id DESC")) {
                    ps.setString(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            if ("done".equals(state)) {
                calledBack++;
            } else if (state != null && !"failed".equals(state)) {
                pending++; // kept, not yet called when the run ended
            } else {
                lost++;
                perRound[Math.min(rounds, e.getValue())]++;
                if (ids.size() < 10) {
                    ids.add(e.getKey() + (state == null ? "" : " (callback " + state + ")"));
                }
            }
        }
        long both = 0;
        for (String id : offeredIds) {
            long n = store.read(c -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM callbacks WHERE call_id = ? AND state = 'done'")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            if (n > 0) {
                both++;
                if (servedAndCalledBackIds.size() < 5) { // what the log says of each, for the report
                    servedAndCalledBackIds.add(id + ": " + store.read(c -> {
                        try (java.sql.PreparedStatement ps = c.prepareStatement(
                                "SELECT type FROM call_events WHERE call_id = ? ORDER BY seq")) {
                            ps.setString(1, id);
                            List<String> types = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    types.add(rs.getString(1));
                                }
                            }
                            return String.join(" ", types);
                        }
                    }));
                }
            }
        }
        servedAndCalledBack = both;
        lostTotals = new long[] {notOffered.size(), calledBack, pending, lost};
        lostIds = ids;
        return perRound;
    }

    /** After {@link #lostPerRound}: queued and never offered live; of them called back; kept, pending; lost. */
    long[] lostTotals = new long[4];
    /** After {@link #lostPerRound}: callers offered live who were also called back (their kept callback answered). */
    long servedAndCalledBack;
    /** Some of them, with the types of their call's events in the log. */
    final List<String> servedAndCalledBackIds = new ArrayList<>();
    private List<String> lostIds = List.of();

    /** Milliseconds from {@code after} until {@code times} holds a later moment for {@code server}, or -1. */
    long awaitAfter(AtomicLongArray times, int server, long after, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            long t = times.get(server);
            if (t > after) {
                return (t - after) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** The totals and the calls routed twice, counted in the store after the run. */
    void report(Database store, PrintStream out) {
        long answeredTwice = store.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM (SELECT call_id FROM call_events"
                    + " WHERE type = 'CallAnswered' GROUP BY call_id HAVING count(*) > 1) t")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        long answered = store.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(DISTINCT call_id) FROM call_events WHERE type = 'CallAnswered'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        out.printf("FastAGI: %d calls, %d callers heard queue-connecting, %d talked to an operator, %d AGI reconnects"
                        + " to the other server; callers at the fallback before being queued: %d%n",
                calls.get(), queuedCallers.get(), servedCallers.get(), reconnects.get(), unconfirmedFallbacks.get());
        out.printf("  queued callers never offered live: %d; of them called back (their kept callback answered): %d,"
                        + " kept but not yet called at the end: %d, LOST: %d%s%n", lostTotals[0], lostTotals[1],
                lostTotals[2], lostTotals[3], lostIds.isEmpty() ? "" : " " + lostIds);
        out.printf("  callers offered live and also called back (a kept callback answered as well): %d%s%n",
                servedAndCalledBack, servedAndCalledBackIds.isEmpty() ? "" : " " + servedAndCalledBackIds);
        out.printf("  callbacks the fake PBX placed (operator leg answered, customer answered): %d, ended: %d%n",
                callbacksPlaced.get(), callbacksEnded.get());
        out.printf("calls routed twice: %d (of %d answered calls in call_events, two CallAnswered for one call);"
                + " an operator's phone dialled while busy with another caller: %d%n", answeredTwice, answered,
                phoneDoubleBooked.get());
    }

    // --- the callers ----------------------------------------------------------------------------------------

    private enum End { SERVED, ENDED, DROPPED, SERVED_DROPPED }

    /** One caller's state across its AGI connections. */
    private static final class Call {
        final String id;
        boolean heardQueued;
        boolean offered;
        boolean talked;

        Call(String id) {
            this.id = id;
        }
    }

    private void callerLoop() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (running.get()) {
            Call call = new Call("fb" + runId + "-" + calls.incrementAndGet());
            String number = customerNumber(rnd.nextInt(CUSTOMERS));
            int server = hint;
            End end = attempt(call, server, number);
            if (end == null || end == End.DROPPED || end == End.SERVED_DROPPED) {
                // FRONTLINE_HOST2 (also after a conversation whose AGI died: Asterisk's Dial went on, then the AGI
                // application returned), refused ones again for up to 10 s
                server = 1 - server;
                reconnects.incrementAndGet();
                end = null;
                for (int tries = 0; tries <= 10 && end == null; tries++) {
                    if (tries > 0) {
                        pause(1000);
                    }
                    end = attempt(call, server, number);
                }
            }
            if (call.offered) {
                servedCallers.incrementAndGet();
                offeredIds.add(call.id);
            } else if (call.heardQueued) {
                notOffered.put(call.id, round); // lost unless its kept callback is answered: counted at the end
            } else if (end == null || end == End.DROPPED) {
                unconfirmedFallbacks.incrementAndGet();
            }
        }
    }

    /** One AGI(...) application run; null when the connection was refused. */
    private End attempt(Call call, int server, String number) {
        try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(agiPorts[server], "support", call.id, number)) {
            return drive(agi, call, server);
        } catch (ConnectException e) {
            return null;
        } catch (IOException e) {
            return call.offered ? End.SERVED_DROPPED : End.DROPPED;
        }
    }

    /** The script's commands as Asterisk runs them, until it ends or the server goes away. */
    private End drive(FakeAsteriskAgi agi, Call call, int server) throws IOException {
        String lastPrompt = "";
        boolean onHold = false;
        boolean gone = !call.talked; // only a connection made after the conversation is hung up at once
        while (true) {
            String cmd;
            try {
                cmd = agi.nextCommand(Duration.ofSeconds(60));
            } catch (SocketTimeoutException e) {
                return End.ENDED; // nothing for a minute: the caller gives up
            }
            if (cmd == null) {
                return call.offered ? End.SERVED_DROPPED : End.DROPPED;
            }
            hint = server;
            if (!gone) { // back after a conversation whose AGI died: the caller hangs up
                gone = true;
                agi.hangUpDuring();
                continue;
            }
            if (cmd.startsWith("SET VARIABLE \"AJ_AGISTATUS\"")) {
                agi.reply("1");
                return call.offered ? End.SERVED : End.ENDED;
            }
            if (cmd.startsWith("STREAM FILE")) {
                if (cmd.contains("queue-connecting")) {
                    if (!call.heardQueued) {
                        queuedCallers.incrementAndGet();
                    }
                    call.heardQueued = true;
                    queued.set(server, System.nanoTime());
                }
                lastPrompt = cmd;
                agi.reply("0 endpos=8000");
            } else if (cmd.startsWith("SET MUSIC")) {
                onHold = cmd.startsWith("SET MUSIC ON");
                agi.reply("0");
            } else if (cmd.toUpperCase(java.util.Locale.ROOT).matches("EXEC \"?DIAL\"? .*")) {
                String endpoint = cmd.substring(cmd.toUpperCase(java.util.Locale.ROOT).indexOf("DIAL") + 4)
                        .replace("\"", "").trim().split(",")[0];
                offered.set(server, System.nanoTime());
                call.offered = true;
                String other = talkingOn.putIfAbsent(endpoint, call.id);
                if (other != null && !other.equals(call.id)) {
                    phoneDoubleBooked.incrementAndGet();
                }
                try {
                    // the operator answers at once: Asterisk 22 sends BridgeEnter for the caller's channel to every
                    // AMI session (the server logs CallAnswered from it), BridgeLeave when the conversation ends
                    String bridge = "b-" + call.id;
                    ami.putChannel("PJSIP/trunk-" + call.id, call.id, bridge); // CoreShowChannels lists it meanwhile
                    ami.emit(FakeAsteriskAmi.event("BridgeCreate", "BridgeUniqueid", bridge, "BridgeType", "basic",
                            "BridgeTechnology", "simple_bridge", "BridgeNumChannels", "0"));
                    ami.emit(FakeAsteriskAmi.event("BridgeEnter", "BridgeUniqueid", bridge, "Channel",
                            "PJSIP/trunk-" + call.id, "Uniqueid", call.id, "Linkedid", call.id));
                    pause(talkMillis); // the conversation goes on in Asterisk even when the server dies meanwhile
                    call.talked = true;
                    ami.emit(FakeAsteriskAmi.event("BridgeLeave", "BridgeUniqueid", bridge, "Channel",
                            "PJSIP/trunk-" + call.id, "Uniqueid", call.id, "Linkedid", call.id));
                    ami.emit(FakeAsteriskAmi.event("BridgeDestroy", "BridgeUniqueid", bridge, "BridgeType", "basic",
                            "BridgeTechnology", "simple_bridge", "BridgeNumChannels", "0"));
                    ami.removeChannel(call.id);
                    agi.reply("0");
                } finally {
                    talkingOn.remove(endpoint, call.id);
                }
            } else if (cmd.startsWith("GET VARIABLE \"DIALSTATUS\"") || cmd.startsWith("GET VARIABLE DIALSTATUS")) {
                agi.reply("1 (ANSWER)");
            } else if (cmd.startsWith("WAIT FOR DIGIT") || cmd.startsWith("GET DATA")) {
                if (onHold) {
                    pause(200);
                    agi.reply("0");
                } else if (lastPrompt.contains("main-menu")) {
                    agi.reply(key('1'));
                } else if (call.offered) {
                    agi.reply("0"); // the rating after the conversation: no answer
                } else {
                    agi.reply(key('1'));
                }
            } else if (cmd.startsWith("HANGUP")) {
                agi.reply("1");
                agi.hangUp();
            } else {
                agi.reply("0");
            }
        }
    }

    // --- the operators --------------------------------------------------------------------------------------

    /**
     * An operator's desk: logs in where the API answers (the leader), goes READY, stays until that server dies, then
     * connects to the other one with the same session, as the desktop does (ServerFailoverTest: sessions are in the
     * store); it logs in again only when the session is refused. (Before ADR 0149's run the bench logged every desk
     * in again with its password after each kill: a dozen bcrypt hashes at once on the new leader.)
     */
    private void deskLoop(String login) {
        int server = 0;
        String token = null;
        while (running.get()) {
            server = 1 - server;
            DeskClient.Socket socket = null;
            try {
                Process p = procs[server];
                if (p == null || !p.isAlive()) {
                    pause(100);
                    continue;
                }
                DeskClient client = new DeskClient(apiPorts[server]);
                if (token == null) {
                    token = client.login(login, "pw");
                }
                try {
                    socket = client.connect(token);
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h
                            && h.getResponse().statusCode() == 401) {
                        token = null; // the session was refused: log in again next time
                    }
                    throw e;
                }
                socket.await(ServerMessage.Welcome.class, 10);
                socket.send(new ClientMessage.SetState(socket.nextId(), OperatorState.READY, null));
                while (running.get() && p.isAlive() && procs[server] == p && !socket.closedWith.isDone()) {
                    for (ServerMessage m : socket.drain(200)) {
                        if (m instanceof ServerMessage.StateChanged sc && login.equals(sc.login())
                                && (sc.state() == OperatorState.BREAK || sc.state() == OperatorState.OFFLINE
                                || sc.state() == OperatorState.MISSED)) { // MISSED: a callback's leg not answered
                            socket.send(new ClientMessage.SetState(socket.nextId(), OperatorState.READY, null));
                        } else if (m instanceof ServerMessage.StateChanged sc && login.equals(sc.login())
                                && sc.state() == OperatorState.WRAP_UP) {
                            socket.send(new ClientMessage.EndWrapUp(socket.nextId()));
                        }
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                pause(100); // the standby (no API), not up yet, or the socket died with the server
            } catch (InterruptedException e) {
                return;
            } finally {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (RuntimeException ignored) {
                        // the server is gone
                    }
                }
            }
        }
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, "failover-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
