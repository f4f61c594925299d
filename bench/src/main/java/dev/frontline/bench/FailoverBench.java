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
 * <p>Usage: {@code bench/run FailoverBench [rounds=20] [rate=40] [seed=1]}. Calls routed twice are not exercised
 * (no operators are staffed here: see the split-brain test, SplitBrainIT, for that).
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
        Map<String, String> a = new java.util.HashMap<>(Map.of("rounds", "20", "rate", "40", "seed", "1", "mode", "kill"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        new FailoverBench().run(Integer.parseInt(a.get("rounds")), Integer.parseInt(a.get("rate")),
                Long.parseLong(a.get("seed")), "pause".equals(a.get("mode")));
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
        Path[] configs = new Path[2];
        for (int i = 0; i < 2; i++) {
            int port = dev.frontline.server.testing.ServeProcess.freePort();
            servers.add(URI.create("http://127.0.0.1:" + port + "/api/callback-requests"));
            configs[i] = dir.resolve("s" + i + ".yaml");
            Files.writeString(configs[i], "store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                    + "sim:\n  enabled: true\nflows:\n  dir: " + Path.of("ivr-flows").toAbsolutePath() + "\n"
                    + "api:\n  bind: 127.0.0.1\n  port: " + port + "\n  form-posts-per-hour: 10000\n"
                    + "cluster:\n  server-id: s" + i + "\n  lease: 2s\n  heartbeat: 500ms\n"
                    + "desk:\n  hours:\n    mon: 00:00-23:59\n    tue: 00:00-23:59\n    wed: 00:00-23:59\n"
                    + "    thu: 00:00-23:59\n    fri: 00:00-23:59\n    sat: 00:00-23:59\n    sun: 00:00-23:59\n");
        }
        Process[] procs = new Process[2];
        procs[0] = start(configs[0], dir.resolve("s0.log"));
        awaitEpoch(store, 1, Duration.ofSeconds(120));
        procs[1] = start(configs[1], dir.resolve("s1.log"));
        awaitStandby(store, "s1", Duration.ofSeconds(120));
        System.out.printf("two servers on PostgreSQL %s; logs in %s%n", url, dir);

        Thread client = new Thread(() -> traffic(rate), "failover-client");
        client.start();
        List<long[]> figures = new ArrayList<>(); // takeover ms, serving ms, failed posts
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(1000 + random.nextInt(3000)); // a random moment under traffic
            long epoch = epoch(store);
            int leader = holder(store).equals("s0") ? 0 : 1;
            long failedBefore = failedPosts.get();
            long killed = System.nanoTime();
            String resumed = "";
            if (pause) {
                signal("STOP", procs[leader]);
            } else {
                procs[leader].destroyForcibly(); // SIGKILL
            }
            long takeover = awaitEpoch(store, epoch + 1, Duration.ofSeconds(60)) - killed;
            long serving = awaitConfirmedBy(1 - leader, killed, Duration.ofSeconds(60)) - killed;
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
            figures.add(new long[] {takeover / 1_000_000, serving / 1_000_000, failed});
            System.out.printf("round %2d: " + (pause ? "paused" : "killed") + " s%d; standby leads after %5d ms, confirms after %5d ms;"
                    + " %d request(s) not confirmed meanwhile (the sender got an error)%s%n", round, leader,
                    takeover / 1_000_000,
                    serving / 1_000_000, failed, resumed);
            procs[leader] = start(configs[leader], dir.resolve("s" + leader + "-" + round + ".log"));
            awaitStandby(store, "s" + leader, Duration.ofSeconds(120));
        }
        running.set(false);
        client.join();
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
        System.out.println("standby leads after (ms):   " + distribution(figures, 0));
        System.out.println("standby confirms after (ms): " + distribution(figures, 1));
        System.out.println("unconfirmed requests per switch: " + distribution(figures, 2));
        System.out.printf("confirmed but callback lost: %d, duplicated: %d; ticket lost: %d%n", lost, duplicated,
                ticketsLost);
        if (pause) {
            System.out.println("requests confirmed by resumed old leaders: " + resumedConfirmations);
        }
        System.out.println("calls routed twice: not exercised here (no operators staffed; see SplitBrainIT)");
        store.close();
        System.exit(0);
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

    private Process start(Path config, Path log) throws IOException {
        return dev.frontline.server.testing.ServeProcess.start(config, log, Map.of(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1");
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

    /** Waits until server {@code id} holds its leadership session (it is a standby, waiting). */
    private static void awaitStandby(Database store, String id, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            if (count(store, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:" + id + "'")
                    > 0) {
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
