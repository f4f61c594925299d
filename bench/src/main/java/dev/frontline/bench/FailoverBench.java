package dev.frontline.bench;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover under traffic (issue 23): two {@code frontline serve} child JVMs on one real PostgreSQL (embedded, started
 * here), one leading, one waiting as standby. A client posts web callback requests without pause to whichever server
 * answers (the first of the two URLs that works, as a load balancer with health checks would). At a random moment
 * in each round the leader is killed with SIGKILL ({@code Process.destroyForcibly}); the killed one is started again
 * as the next standby. Printed per round and as distributions: time from the kill until the standby holds the
 * leadership (epoch incremented) and until it confirms a request; requests no server confirmed during the switch (the
 * sender got an error: not confirmed, so not lost); confirmed requests whose ticket or callback is missing (lost)
 * or doubled (duplicated) in the store at the end.
 *
 * <p>Warm or cold standby (issue 23, ADR 0140): {@code standby=alternate} (the default) starts each new standby with
 * {@code cluster.warm-standby} true and false in turn, so the kills alternate between a standby that followed the log
 * and one that replays it when elected, under the same traffic in the same run; {@code standby=warm} or {@code cold}
 * uses one. {@code events=N} first fills {@code call_events} with N events of a year of finished calls (the real
 * routing core and append code, in batches: {@code AcdSnapshotBench}'s fill) so that replay time matters;
 * {@code snapshots=off} sets {@code acd.snapshot-every} out of reach (a cold standby then replays the whole log, as
 * before snapshots), {@code on} keeps the defaults (it replays the newest snapshot's tail).
 *
 * <p>Usage: {@code bench/run FailoverBench [rounds=20] [rate=40] [seed=1] [events=0] [standby=alternate]
 * [snapshots=on] [mode=kill|pause] [agi=0] [operators=4] [talk=1000]}.
 *
 * <p>{@code agi=N} adds the telephone side ({@link AgiTraffic}): the servers run FastAGI (and one fake AMI) instead
 * of the simulated line, N fake Asterisk channels call the support menu as the shipped dialplan with
 * {@code FRONTLINE_HOST2} does (the other server when one refuses or drops, refused ones again once a second for
 * 10 s), {@code operators} desks (technical calls only) stay READY and their phones talk {@code talk} ms. Printed per
 * kill besides: time until a caller is queued and offered on the new leader, and queued callers lost; at the end,
 * calls routed twice (two {@code CallAnswered} for one call in the store, or a phone dialled while busy). With
 * {@code agi=0} calls routed twice are not exercised (no operators are staffed).
 */
public final class FailoverBench {
    private static final Pattern TICKET = Pattern.compile("\"ticketId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
    private final Map<String, String> confirmed = new ConcurrentHashMap<>(); // phone -> ticket
    private final AtomicLong failedPosts = new AtomicLong();
    private final AtomicLong phones = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile long lastConfirmedNanos;
    private long resumedConfirmations;
    private volatile int lastConfirmedBy = -1;
    private final List<URI> servers = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>(Map.of("rounds", "20", "rate", "40", "seed", "1", "mode", "kill",
                "events", "0", "standby", "alternate", "snapshots", "on", "agi", "0", "operators", "4", "talk", "1000"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !a.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: " + a.keySet());
            }
            a.put(kv[0], kv[1]);
        }
        if (!List.of("alternate", "warm", "cold").contains(a.get("standby"))
                || !List.of("on", "off").contains(a.get("snapshots"))) {
            throw new IllegalArgumentException("standby=alternate|warm|cold, snapshots=on|off");
        }
        FailoverBench b = new FailoverBench();
        b.events = Long.parseLong(a.get("events"));
        b.standbyMode = a.get("standby");
        b.snapshots = a.get("snapshots").equals("on");
        b.agiCallers = Integer.parseInt(a.get("agi"));
        b.operators = Integer.parseInt(a.get("operators"));
        b.talkMillis = Long.parseLong(a.get("talk"));
        b.run(Integer.parseInt(a.get("rounds")), Integer.parseInt(a.get("rate")),
                Long.parseLong(a.get("seed")), "pause".equals(a.get("mode")));
    }

    private long events;
    private int agiCallers;
    private int operators;
    private long talkMillis;
    private final int[] apiPorts = new int[2];
    private final int[] agiPorts = new int[2];
    private Process[] procs;
    private AgiTraffic agi;
    private String standbyMode = "alternate";
    private boolean snapshots = true;

    /** Whether the standby started before round {@code round} (1-based) follows the log. */
    private boolean warmFor(int round) {
        return switch (standbyMode) {
            case "warm" -> true;
            case "cold" -> false;
            default -> round % 2 == 1;
        };
    }


    private final AtomicLong[] confirmedBy = {new AtomicLong(), new AtomicLong()};

    private static void signal(String sig, Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start().waitFor();
    }

    /**
     * @param pause SIGSTOP the leader instead of killing it, SIGCONT it once the standby confirms: the old leader must
     *              find itself deposed and exit (status 75) without confirming anything more
     */
    private void run(int rounds, int rate, long seed, boolean pause) throws Exception {
        Random random = new Random(seed);
        Database store = PostgresTestDatabase.fresh();
        String url = ((com.zaxxer.hikari.HikariDataSource) store.dataSource()).getJdbcUrl();
        Path dir = Files.createTempDirectory("failover-bench");
        if (events > 0) {
            long t0 = System.nanoTime();
            dev.frontline.core.acd.AcdFixtures.Directory ops = new dev.frontline.core.acd.AcdFixtures.Directory();
            for (int i = 0; i < 50; i++) {
                ops.add("op" + i);
            }
            AcdSnapshotBench.fill(store, ops, events);
            System.out.printf("call_events filled with %,d events in %d s%n",
                    count(store, "SELECT count(*) FROM call_events"), (System.nanoTime() - t0) / 1_000_000_000);
        }
        if (agiCallers > 0) {
            agi = new AgiTraffic(agiPorts, apiPorts, operators, talkMillis, running);
        }
        Path[][] configs = new Path[2][2]; // [server][warm ? 1 : 0]
        for (int i = 0; i < 2; i++) {
            int port = dev.frontline.server.testing.ServeProcess.freePort();
            apiPorts[i] = port;
            agiPorts[i] = dev.frontline.server.testing.ServeProcess.freePort();
            servers.add(URI.create("http://127.0.0.1:" + port + "/api/callback-requests"));
            for (int w = 0; w < 2; w++) {
                configs[i][w] = dir.resolve("s" + i + (w == 1 ? "-warm" : "-cold") + ".yaml");
                Files.writeString(configs[i][w], "store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                        + (agi == null ? "sim:\n  enabled: true\n" : agi.asteriskYaml(agiPorts[i])) + "flows:\n  dir: " + Path.of("ivr-flows").toAbsolutePath() + "\n"
                        + "api:\n  bind: 127.0.0.1\n  port: " + port + "\n  form-posts-per-hour: 10000\n  form-posts-per-minute: 100000\n"
                        + "  form-pending-callbacks: 1000000\n"
                        + "cluster:\n  server-id: s" + i + "\n  lease: 2s\n  heartbeat: 500ms\n"
                        + "  warm-standby: " + (w == 1) + "\n"
                        + (snapshots && agi == null ? "" : "acd:\n") + (agi == null ? "" : "  wrap-up: 0s\n")
                        + (snapshots ? "" : "  snapshot-every:\n    events: 100000000\n    time: 3650d\n")
                        + deskHours());
            }
        }
        if (agi != null) {
            agi.seed(configs[0][1]);
        }
        procs = new Process[2];
        if (agi != null) {
            agi.procs = procs;
        }
        Path[] logs = {dir.resolve("s0.log"), dir.resolve("s1.log")};
        procs[0] = start(configs[0][1], logs[0]);
        awaitEpoch(store, 1, Duration.ofSeconds(600));
        boolean[] warmNow = new boolean[2];
        warmNow[1] = warmFor(1);
        procs[1] = start(configs[1][warmNow[1] ? 1 : 0], logs[1]);
        awaitStandby(store, "s1", warmNow[1], logs[1], Duration.ofSeconds(600));
        System.out.printf("two servers on PostgreSQL %s; logs in %s%n", url, dir);

        Thread client = new Thread(() -> traffic(rate), "failover-client");
        client.start();
        if (agi != null) {
            agi.start(agiCallers);
        }
        List<long[]> figures = new ArrayList<>(); // takeover ms, serving ms, failed posts, warm (1) or cold (0)
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(1000 + random.nextInt(3000)); // a random moment under traffic
            long epoch = epoch(store);
            int leader = holder(store).equals("s0") ? 0 : 1;
            long failedBefore = failedPosts.get();
            if (agi != null) {
                agi.round = round;
            }
            loads.add(loadAverage());
            long killed = System.nanoTime();
            String resumed = "";
            if (pause) {
                signal("STOP", procs[leader]);
            } else {
                procs[leader].destroyForcibly(); // SIGKILL
            }
            long takeover = awaitEpoch(store, epoch + 1, Duration.ofSeconds(60)) - killed;
            long serving = awaitConfirmedBy(1 - leader, killed, Duration.ofSeconds(600)) - killed; // a cold replay of a long log
            if (pause) {
                long before = confirmedBy[leader].get();
                long cont = System.nanoTime();
                signal("CONT", procs[leader]);
                boolean exited = procs[leader].waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                resumed = String.format("; resumed old leader %s after %d ms, confirmed %d more request(s)",
                        exited ? "exited with status " + procs[leader].exitValue() : "DID NOT EXIT",
                        (System.nanoTime() - cont) / 1_000_000, confirmedBy[leader].get() - before);
                resumedConfirmations += confirmedBy[leader].get() - before;
                if (!exited) {
                    procs[leader].destroyForcibly().waitFor();
                }
            }
            procs[leader].waitFor();
            long failed = failedPosts.get() - failedBefore;
            boolean warm = warmNow[1 - leader];
            String agiLine = "";
            long queuedMs = -1;
            long offeredMs = -1;
            if (agi != null) {
                queuedMs = agi.awaitAfter(agi.queued, 1 - leader, killed, Duration.ofSeconds(30));
                offeredMs = agi.awaitAfter(agi.offered, 1 - leader, killed, Duration.ofSeconds(30));
                Thread.sleep(11_000); // the callers' 10 s of retries settle before the next kill
                agiLine = String.format("%n          FastAGI: a caller queued on s%d after %d ms, offered to an operator"
                        + " after %d ms", 1 - leader, queuedMs, offeredMs);
            }
            figures.add(new long[] {takeover / 1_000_000, serving / 1_000_000, failed, warm ? 1 : 0, queuedMs,
                    offeredMs, 0});
            System.out.printf("round %2d: " + (pause ? "paused" : "killed") + " s%d; %s standby leads after %5d ms,"
                    + " confirms after %5d ms; %d request(s) not confirmed meanwhile (the sender got an error)%s%n"
                    + "          s%d's ACD rebuilt from %s%s%n          s%d %s (load average %.1f)%n",
                    round, leader, warm ? "warm" : "cold", takeover / 1_000_000, serving / 1_000_000, failed, resumed,
                    1 - leader, rebuilt(logs[1 - leader]), agiLine, 1 - leader, takeoverSteps(logs[1 - leader]),
                    loads.get(loads.size() - 1));
            warmNow[leader] = warmFor(round + 1);
            logs[leader] = dir.resolve("s" + leader + "-" + round + ".log");
            procs[leader] = start(configs[leader][warmNow[leader] ? 1 : 0], logs[leader]);
            awaitStandby(store, "s" + leader, warmNow[leader], logs[leader], Duration.ofSeconds(600));
        }
        Thread.sleep(agi == null ? 0 : 3000); // calls in progress reach an operator
        running.set(false);
        client.join();
        if (agi != null) {
            agi.stop();
            Thread.sleep(Math.max(3000, 3 * talkMillis)); // callbacks under way end and are logged
            long[] lostPerRound = agi.lostPerRound(store, rounds);
            for (int r = 0; r < figures.size(); r++) {
                figures.get(r)[6] = lostPerRound[r + 1];
            }
            System.out.printf("FastAGI queued callers lost per round (counted in the store at the end): %s%n",
                    java.util.Arrays.toString(java.util.Arrays.copyOfRange(lostPerRound, 1, lostPerRound.length)));
            agi.close();
        }
        Thread.sleep(1000);
        long lost = 0;
        long duplicated = 0;
        long ticketsLost = 0;
        for (Map.Entry<String, String> e : confirmed.entrySet()) {
            long n = count(store, "SELECT count(*) FROM callbacks WHERE number = '" + e.getKey() + "'");
            lost += n == 0 ? 1 : 0;
            duplicated += n > 1 ? 1 : 0;
            ticketsLost += count(store, "SELECT count(*) FROM tickets WHERE id = '" + e.getValue() + "'") == 0 ? 1 : 0;
        }
        for (Process p : procs) {
            p.destroyForcibly().waitFor();
        }
        System.out.println();
        System.out.printf("%d rounds, %d requests confirmed, %d not confirmed during switches"
                + " (the sender got an error; not lost)%n",
                rounds, confirmed.size(), failedPosts.get());
        System.out.printf("call_events at the end: %,d%n", count(store, "SELECT count(*) FROM call_events"));
        System.out.printf("load average (1 min) at the kills: min %.1f, max %.1f%n",
                loads.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                loads.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        for (int w = 1; w >= 0; w--) {
            int warm = w;
            List<long[]> of = figures.stream().filter(f -> f[3] == warm).toList();
            if (of.isEmpty()) {
                continue;
            }
            System.out.printf("%s standby, %d kills:%n", w == 1 ? "warm" : "cold", of.size());
            System.out.println("  standby leads after (ms):    " + distribution(of, 0));
            System.out.println("  standby confirms after (ms): " + distribution(of, 1));
            System.out.println("  unconfirmed requests per switch: " + distribution(of, 2));
            if (agi != null) {
                System.out.println("  FastAGI caller queued on the new leader after (ms): " + distribution(of, 4));
                System.out.println("  FastAGI caller offered on the new leader after (ms): " + distribution(of, 5));
                System.out.println("  FastAGI queued callers lost per kill: " + distribution(of, 6));
            }
        }
        List<long[]> warmRounds = figures.stream().filter(f -> f[3] == 1).toList();
        List<long[]> coldRounds = figures.stream().filter(f -> f[3] == 0).toList();
        if (!warmRounds.isEmpty() && !coldRounds.isEmpty()) {
            System.out.printf("cold / warm, time until the standby confirms: p50 %.1fx, p90 %.1fx, max %.1fx%n",
                    ratio(coldRounds, warmRounds, 0.5), ratio(coldRounds, warmRounds, 0.9),
                    ratio(coldRounds, warmRounds, 1.0));
        }
        System.out.printf("confirmed but callback lost: %d, duplicated: %d; ticket lost: %d%n", lost, duplicated,
                ticketsLost);
        if (pause) {
            System.out.println("requests confirmed by resumed old leaders: " + resumedConfirmations);
        }
        if (agi == null) {
            System.out.println("calls routed twice: not exercised here (agi=0: no callers, no operators staffed)");
        } else {
            agi.report(store, System.out);
        }
        store.close();
        System.exit(0);
    }

    private static long quantile(List<long[]> figures, int column, double q) {
        long[] v = figures.stream().mapToLong(f -> f[column]).sorted().toArray();
        return q >= 1.0 ? v[v.length - 1] : q <= 0.5 ? v[v.length / 2]
                : v[Math.min(v.length - 1, (int) Math.ceil(v.length * q) - 1)];
    }

    private static double ratio(List<long[]> cold, List<long[]> warm, double q) {
        return (double) quantile(cold, 1, q) / Math.max(1, quantile(warm, 1, q));
    }

    private static String distribution(List<long[]> figures, int column) {
        long[] v = figures.stream().mapToLong(f -> f[column]).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        return String.format("min %d, p50 %d, p90 %d, max %d, mean %.0f", v[0], v[v.length / 2],
                v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.9) - 1)], v[v.length - 1],
                java.util.Arrays.stream(v).average().orElse(0));
    }

    private static String deskHours() {
        StringBuilder b = new StringBuilder("desk:\n  timezone: UTC\n  hours:\n");
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            b.append("    ").append(d).append(": 00:00-23:59\n");
        }
        return b.toString();
    }

    private Path logback;

    private Process start(Path config, Path log) throws IOException {
        if (logback == null) { // the bench's own logback.xml is WARN: the ACD's start line is INFO
            logback = config.resolveSibling("logback-serve.xml");
            Files.writeString(logback, "<configuration><appender name=\"err\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                    + "<target>System.err</target><encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n"
                    + "</pattern></encoder></appender><logger name=\"dev.frontline.core.acd.AcdService\" level=\"INFO\"/>"
                    + "<logger name=\"dev.frontline.server.FrontlineServer\" level=\"INFO\"/>"
                    + "<logger name=\"org.asteriskjava\" level=\"ERROR\"/><root level=\"WARN\"><appender-ref ref=\"err\"/>"
                    + "</root></configuration>");
        }
        return dev.frontline.server.testing.ServeProcess.start(config, log, agi == null ? Map.of()
                : Map.of(dev.frontline.core.config.FrontlineConfig.ENV_AMI_SECRET, AgiTraffic.SECRET), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback);
    }

    private final List<Double> loads = new ArrayList<>();

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final Pattern STEPS = Pattern.compile("after the election:(.*)");

    /** The new leader's steps after its election with their times (its log's summary line), waiting briefly. */
    private static String takeoverSteps(Path log) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            Matcher m = STEPS.matcher(Files.readString(log));
            if (m.find()) {
                return "after the election:" + m.group(1);
            }
            Thread.sleep(50);
        }
        return "(no takeover line in " + log.getFileName() + ")";
    }

    private static final Pattern REBUILT = Pattern.compile("ACD rebuilt from (.*?) in (\\d+) ms");

    /** What the new leader's start read, from its log ("ACD rebuilt from ... in N ms"), waiting for it briefly. */
    private static String rebuilt(Path log) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            Matcher m = REBUILT.matcher(Files.readString(log));
            if (m.find()) {
                return m.group(1) + " in " + m.group(2) + " ms";
            }
            Thread.sleep(50);
        }
        return "(no start line in " + log.getFileName() + ")";
    }

    /** Posts one request after another (at most {@code rate}/s) to the first server that answers. */
    private void traffic(int rate) {
        long gap = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (running.get()) {
            String phone = "+3706" + String.format("%07d", phones.incrementAndGet());
            String body = "{\"name\":\"Bench\",\"phone\":\"" + phone + "\",\"contract\":\"\",\"category\":\"general\","
                    + "\"text\":\"failover bench\"}";
            boolean done = false;
            for (int i = 0; i < servers.size() && !done; i++) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(servers.get(i))
                            .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        Matcher m = TICKET.matcher(r.body());
                        confirmed.put(phone, m.find() ? m.group(1) : "?");
                        lastConfirmedNanos = System.nanoTime();
                        lastConfirmedBy = i;
                        confirmedBy[i].incrementAndGet();
                        done = true;
                    }
                } catch (IOException e) {
                    // not listening (standby or dead): the next one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!done) {
                failedPosts.incrementAndGet();
            }
            next += gap;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private long awaitConfirmedBy(int server, long after, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            long t = lastConfirmedNanos;
            if (lastConfirmedBy == server && t > after) {
                return t;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("server s" + server + " confirmed nothing within " + max);
    }

    private static long awaitEpoch(Database store, long epoch, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            if (epoch(store) >= epoch) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no leader at epoch " + epoch + " within " + max);
    }

    /**
     * Waits until server {@code id} holds its leadership session (it is a standby, waiting) and, when warm, LISTENs
     * (it starts listening once it has loaded the state it follows) and its log says the whole server is built (ADR
     * 0149), so a kill measures the takeover, not the
     * standby's own start.
     */
    private static void awaitStandby(Database store, String id, boolean warm, Path log, Duration max)
            throws InterruptedException, IOException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            if (count(store, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:" + id + "'")
                    > 0 && (!warm || count(store, "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                    + " 'frontline:" + id + "' AND query LIKE 'LISTEN%'") > 0)
                    && Files.readString(log).contains("ready: server built")) { // built while waiting (ADR 0149)
                Thread.sleep(1000); // its store is open and its first tick done
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("standby " + id + " did not start within " + max);
    }

    private static long epoch(Database store) {
        return count(store, "SELECT epoch FROM acd_leader");
    }

    private static String holder(Database store) {
        return store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT holder FROM acd_leader")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private static long count(Database store, String sql) {
        return store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
