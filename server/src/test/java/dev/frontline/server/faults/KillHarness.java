package dev.frontline.server.faults;

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
import dev.frontline.server.testing.ServeProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.frontline.server.asterisk.peer.FakeAsteriskAgi.key;

/**
 * A whole {@code frontline serve} in a child JVM, killed with SIGKILL at random moments under traffic and started
 * again on the same store (issue 20): callers through FastAGI (queued and waiting, hanging up on hold, keeping their
 * place by callback, taking the menu's callback offer), visitors posting the web callback form, and an operator's
 * desktop creating tickets and adding notes. Each thing is counted as confirmed only when the caller heard it
 * ({@code queue-connecting}, {@code callback-confirmed}), the form answered 201 or the desktop got its {@code ack};
 * after the last kill the store is read: a confirmed thing whose row is missing is lost, one with two rows is
 * duplicated. Used by {@code ServerKillTest} (SQLite), {@code ServerKillPostgresIT} and {@code KillBench}.
 */
public final class KillHarness {
    private static final Pattern TICKET = Pattern.compile("\"ticketId\"\\s*:\\s*\"([^\"]+)\"");
    private static final int CUSTOMERS = 200;

    /** What a user was told is done. */
    public enum Kind { QUEUED, KEEP_PLACE, MENU_CALLBACK, WEB_FORM, TICKET, NOTE }

    /** Confirmed, and of those, missing or twice in the store. */
    public record Count(long confirmed, long lost, long duplicated) {
        public double lostPerThousand() {
            return confirmed == 0 ? 0 : lost * 1000.0 / confirmed;
        }
    }

    private enum Plan { WAIT, ABANDON, KEEP_PLACE, MENU_CALLBACK }

    private final Path dir;
    private final String storeYaml;
    private final Random random;
    private final Map<Kind, Set<String>> confirmed = new EnumMap<>(Kind.class);
    private final Map<String, String> formTickets = new ConcurrentHashMap<>(); // phone -> ticket id
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong phones = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Thread> workers = new ArrayList<>();
    private final String runId = Long.toString(System.nanoTime() % 1_000_000, 36);
    private volatile int agiPort;
    private volatile int apiPort;
    private FakeAsteriskAmi ami;
    private Path config;

    /**
     * @param storeYaml the {@code store:} section (SQLite file or PostgreSQL URL, user, password)
     */
    public KillHarness(Path dir, String storeYaml, long seed) {
        this.dir = dir;
        this.storeYaml = storeYaml;
        this.random = new Random(seed);
        for (Kind k : Kind.values()) {
            confirmed.put(k, ConcurrentHashMap.newKeySet());
        }
    }

    /**
     * Seeds customers and an operator, then {@code cycles} times: starts the server, lets traffic run for a random
     * time between {@code minUp} and {@code maxUp}, kills it. Prints a line per cycle to {@code out}.
     */
    public void run(int cycles, Duration minUp, Duration maxUp, int callers, java.io.PrintStream out)
            throws Exception {
        agiPort = ServeProcess.freePort();
        apiPort = ServeProcess.freePort();
        ami = FakeAsteriskAmi.start("frontline", "kill-harness");
        config = writeConfig();
        seed();
        for (int i = 0; i < callers; i++) {
            workers.add(start("caller-" + i, this::callerLoop));
        }
        workers.add(start("web-form", this::formLoop));
        workers.add(start("desk", this::deskLoop));
        try {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Process server = startServer(dir.resolve("serve-" + cycle + ".log"));
                long ready = awaitReady(server);
                long up = minUp.toMillis() + (long) (random.nextDouble() * (maxUp.toMillis() - minUp.toMillis()));
                Thread.sleep(up);
                server.destroyForcibly(); // SIGKILL
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the killed server did not exit");
                }
                out.printf("cycle %d: started in %d ms, killed after %d ms; confirmed so far %s%n", cycle, ready, up,
                        totals());
            }
        } finally {
            running.set(false);
            for (Thread t : workers) {
                t.join(30_000);
            }
            ami.close();
        }
        // one more start: the store the kills left must open and replay (then stop it the hard way too)
        Process last = startServer(dir.resolve("serve-final.log"));
        awaitReady(last);
        last.destroyForcibly().waitFor();
    }

    /** After {@link #run}: each kind's confirmed, lost and duplicated, read from {@code db}. */
    public Map<Kind, Count> check(Database db) {
        Map<Kind, Count> out = new EnumMap<>(Kind.class);
        out.put(Kind.QUEUED, count(db, Kind.QUEUED,
                "SELECT call_id, count(*) FROM call_events WHERE type = 'CallQueued' GROUP BY call_id"));
        String byCall = "SELECT call_id, count(*) FROM callbacks WHERE call_id IS NOT NULL GROUP BY call_id";
        out.put(Kind.KEEP_PLACE, count(db, Kind.KEEP_PLACE, byCall));
        out.put(Kind.MENU_CALLBACK, count(db, Kind.MENU_CALLBACK, byCall));
        // the form's callback by its number (each post a new one), and the ticket its 201 named: both or it is lost
        Count callbacks = count(db, Kind.WEB_FORM, "SELECT number, count(*) FROM callbacks GROUP BY number");
        Map<String, Long> tickets = rows(db, "SELECT id, count(*) FROM tickets GROUP BY id");
        long ticketsMissing = confirmed.get(Kind.WEB_FORM).stream()
                .filter(phone -> !tickets.containsKey(formTickets.get(phone))).count();
        out.put(Kind.WEB_FORM, new Count(callbacks.confirmed(), Math.max(callbacks.lost(), ticketsMissing),
                callbacks.duplicated()));
        out.put(Kind.TICKET, count(db, Kind.TICKET, "SELECT id, count(*) FROM tickets GROUP BY id"));
        out.put(Kind.NOTE, count(db, Kind.NOTE,
                "SELECT text, count(*) FROM ticket_notes WHERE kind = 'note' GROUP BY text"));
        return out;
    }

    /** {@code sql} gives (key, rows with that key). */
    private Count count(Database db, Kind kind, String sql) {
        Map<String, Long> rows = rows(db, sql);
        long lost = 0;
        long twice = 0;
        for (String key : confirmed.get(kind)) {
            long n = rows.getOrDefault(key, 0L);
            lost += n == 0 ? 1 : 0;
            twice += n > 1 ? 1 : 0;
        }
        return new Count(confirmed.get(kind).size(), lost, twice);
    }

    private static Map<String, Long> rows(Database db, String sql) {
        return db.read(c -> {
            Map<String, Long> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private String totals() {
        StringBuilder b = new StringBuilder();
        confirmed.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k.name().toLowerCase()).append(' ')
                .append(v.size()));
        return b.toString();
    }

    // --- the server ----------------------------------------------------------------------------------------

    private Path writeConfig() throws IOException {
        Path flows = dir.resolve("flows");
        Files.createDirectories(flows);
        Path shipped = Path.of("../ivr-flows").toAbsolutePath().normalize();
        if (!Files.isDirectory(shipped)) {
            shipped = Path.of("ivr-flows").toAbsolutePath();
        }
        String support = Files.readString(shipped.resolve("support.yaml"))
                .replace("prompts: prompts", "prompts: " + shipped.resolve("prompts"));
        Files.writeString(flows.resolve("support.yaml"), support);
        // the same menu, but every purchase call is offered a callback (as when the wait is long)
        String offering = support.replace("flow: support", "flow: offering")
                .replace("    threshold: 5m\n    then: busy-offer\n    else: queue", "    threshold: 5m\n"
                        + "    then: busy-offer\n    else: busy-offer");
        if (offering.equals(support.replace("flow: support", "flow: offering"))) {
            throw new IllegalStateException("support.yaml's busy-check changed; adapt KillHarness");
        }
        Files.writeString(flows.resolve("offering.yaml"), offering);
        StringBuilder hours = new StringBuilder("  hours:\n");
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            hours.append("    ").append(d).append(": 00:00-23:59\n");
        }
        Path yaml = dir.resolve("frontline.yaml");
        Files.writeString(yaml, storeYaml
                + "flows:\n  dir: " + flows + "\n"
                + "asterisk:\n  enabled: true\n  port: " + agiPort + "\n  hold-poll: 200ms\n"
                + "  ami:\n    port: " + ami.port() + "\n    reconnect-min: 100ms\n"
                + "api:\n  bind: 127.0.0.1\n  port: " + apiPort + "\n  form-posts-per-hour: 10000\n"
                + "  form-posts-per-minute: 100000\n  form-pending-callbacks: 1000000\n"
                + "desk:\n  timezone: UTC\n" + hours);
        return yaml;
    }

    private void seed() {
        FrontlineConfig c = FrontlineConfig.parse(readConfig(), config.toString(),
                Map.of(FrontlineConfig.ENV_AMI_SECRET, "kill-harness"));
        try (Stores stores = Stores.open(c, Clock.systemUTC())) {
            List<NewCustomer> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                customers.add(new NewCustomer("K" + runId + "-" + i, "Kill Harness " + i,
                        Optional.of(customerNumber(i)), List.of(), "", "Street " + i, "Vilnius", "Fiber 100",
                        List.of("internet"), "active", Language.EN, null, Optional.empty()));
            }
            stores.database().inTransaction(x -> {
                stores.customers().insertAll(x, customers);
                stores.operators().insertAll(x, List.of(new NewOperator("kh" + runId, "Kill Harness",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                        Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/kh", Optional.empty())));
                return null;
            });
        }
    }

    private String readConfig() {
        try {
            return Files.readString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String customerNumber(int i) {
        return String.format("+3706%07d", 5_000_000 + i);
    }

    private Process startServer(Path log) throws IOException {
        return ServeProcess.start(config, log, Map.of(FrontlineConfig.ENV_AMI_SECRET, "kill-harness"), "-Xmx256m",
                "-XX:TieredStopAtLevel=1");
    }

    /** Waits until the API answers {@code /health} 200; returns the milliseconds it took. */
    private long awaitReady(Process server) throws InterruptedException {
        long t0 = System.nanoTime();
        long until = t0 + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; see " + dir);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                        + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not answer /health within 120 s; see " + dir);
    }

    // --- the traffic ----------------------------------------------------------------------------------------

    private void confirm(Kind kind, String key) {
        if (!confirmed.get(kind).add(key)) {
            throw new IllegalStateException(kind + " " + key + " confirmed twice");
        }
    }

    private void callerLoop() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (running.get()) {
            Plan plan = Plan.values()[rnd.nextInt(Plan.values().length)];
            String id = "kh" + runId + "-" + calls.incrementAndGet();
            String number = customerNumber(rnd.nextInt(CUSTOMERS));
            try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(agiPort,
                    plan == Plan.MENU_CALLBACK ? "offering" : "support", id, number)) {
                drive(agi, id, plan, rnd);
            } catch (IOException e) {
                pause(100); // the server is down (or cut the line): call again
            }
        }
    }

    /** One call as Asterisk runs it, until the script ends or the server goes away. */
    private void drive(FakeAsteriskAgi agi, String id, Plan plan, ThreadLocalRandom rnd) throws IOException {
        String lastPrompt = "";
        boolean onHold = false;
        int slices = 0;
        int leaveAfter = 2 + rnd.nextInt(6);
        while (true) {
            String cmd = agi.nextCommand(Duration.ofSeconds(30));
            if (cmd == null) {
                return;
            }
            if (cmd.startsWith("SET VARIABLE \"AJ_AGISTATUS\"")) {
                agi.reply("1");
                return;
            }
            if (cmd.startsWith("STREAM FILE")) {
                if (cmd.contains("queue-connecting")) {
                    confirm(Kind.QUEUED, id);
                } else if (cmd.contains("callback-confirmed")) {
                    confirm(plan == Plan.KEEP_PLACE ? Kind.KEEP_PLACE : Kind.MENU_CALLBACK, id);
                }
                lastPrompt = cmd;
                agi.reply("0 endpos=8000");
            } else if (cmd.startsWith("SET MUSIC")) {
                onHold = cmd.startsWith("SET MUSIC ON");
                agi.reply("0");
            } else if (cmd.startsWith("WAIT FOR DIGIT") || cmd.startsWith("GET DATA")) {
                if (onHold) {
                    slices++;
                    if (plan == Plan.KEEP_PLACE && slices == 2) {
                        agi.reply(key('1'));
                    } else if (plan == Plan.ABANDON && slices >= leaveAfter) {
                        agi.hangUpDuring();
                    } else {
                        pause(200);
                        agi.reply("0");
                    }
                } else if (lastPrompt.contains("main-menu")) {
                    agi.reply(key(plan == Plan.MENU_CALLBACK ? '2' : '1'));
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

    private void formLoop() {
        while (running.get()) {
            String phone = String.format("+3706%07d", 8_000_000 + phones.incrementAndGet());
            String body = "{\"name\":\"Kill Harness\",\"phone\":\"" + phone + "\",\"contract\":\"\","
                    + "\"category\":\"general\",\"text\":\"kill harness " + runId + "\"}";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                                + "/api/callback-requests")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    Matcher m = TICKET.matcher(r.body());
                    formTickets.put(phone, m.find() ? m.group(1) : "(no ticket id in the 201)");
                    confirm(Kind.WEB_FORM, phone);
                    pause(25); // ~30 a second: a busy evening's form, not a flood (the flood has its own test)
                } else {
                    pause(20);
                }
            } catch (IOException e) {
                pause(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deskLoop() {
        String login = "kh" + runId;
        String token = null;
        long n = 0;
        while (running.get()) {
            DeskClient.Socket socket = null;
            try {
                DeskClient client = new DeskClient(apiPort);
                if (token == null) {
                    token = client.login(login, "pw");
                }
                socket = client.connect(token);
                socket.await(ServerMessage.Welcome.class, 10);
                while (running.get()) {
                    n++;
                    ServerMessage r = socket.reply(socket.send(new ClientMessage.CreateTicket(socket.nextId(), null,
                            null, "kill harness ticket " + runId + "-" + n, Tier.LINE1)));
                    if (!(r instanceof ServerMessage.Ack a)) {
                        pause(50);
                        continue;
                    }
                    confirm(Kind.TICKET, a.detail());
                    String text = "kill harness note " + runId + "-" + n;
                    if (socket.reply(socket.send(new ClientMessage.AddNote(socket.nextId(), a.detail(), text)))
                            instanceof ServerMessage.Ack) {
                        confirm(Kind.NOTE, text);
                    }
                    socket.drain(0);
                }
            } catch (RuntimeException | AssertionError e) {
                pause(100); // down, not yet up, or the socket died with the server
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

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, "kill-harness-" + name);
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
