package dev.frontline.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.FrontlineServer;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.demo.DemoDataCommand;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Screen-pop latency under demo traffic (not a test; prints numbers). Starts the whole server in-process on a
 * temporary SQLite store with {@code clients} operator accounts, connects that many desktops over loopback WebSocket,
 * sets them Ready and lets demo callers walk through the support flow. Each desktop accepts its screen-pops, talks
 * 1-4 s, hangs up and ends wrap-up. Latency: from the ACD's {@code CallOffered} timestamp (its assignment) to the
 * moment the desktop's WebSocket listener receives the screen-pop (same JVM, same clock).
 *
 * <p>Arguments (key=value): clients=500 rate=600 (calls per minute) seconds=60 warmup=15.
 */
public final class ScreenPopBench {
    private static final ObjectMapper JSON = ApiJson.mapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("arguments are key=value (clients, rate, seconds, warmup): " + arg);
            }
            a.put(kv[0], kv[1]);
        }
        int clients = Integer.parseInt(a.getOrDefault("clients", "500"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "600"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "15"));

        Path dir = Files.createTempDirectory("screenpop-bench");
        Path db = dir.resolve("bench.db");
        FrontlineConfig config = FrontlineConfig.parse(String.join("\n",
                "api:", "  login-attempts-per-minute: 10000",
                "sim:", "  demo:", "    calls-per-minute: " + rate, "    max-calls: 100000", "    patience: 1h",
                "    callback-share: 0", "    known-share: 0.7", ""), "bench", Map.of());
        List<dev.frontline.server.sim.DemoTraffic.KnownCaller> known = prepareStore(config, db, clients);

        FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.demo(db).withPort(0)
                .withTraffic(false, Optional.empty()));
        Map<String, Instant> offeredAt = new ConcurrentHashMap<>();
        server.acd().subscribe(e -> {
            if (e instanceof AcdEvent.CallOffered o) {
                offeredAt.put(o.callId().value(), o.at());
            }
        });
        Map<String, Instant> poppedAt = new ConcurrentHashMap<>();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        String base = "http://127.0.0.1:" + server.port();
        System.out.printf("server up on %s; logging in %d desktops ...%n", base, clients);

        ExecutorService logins = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Desk>> pending = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            String login = login(i);
            pending.add(CompletableFuture.supplyAsync(() -> Desk.open(http, base, login, poppedAt, timers), logins));
        }
        List<Desk> desks = pending.stream().map(CompletableFuture::join).toList();
        logins.shutdown();
        for (Desk d : desks) {
            d.send("{\"type\":\"set-state\",\"id\":\"ready\",\"state\":\"READY\"}");
        }
        System.out.printf("%d desktops connected and ready; demo traffic %d calls/min for %d s (warm-up %d s)%n",
                desks.size(), rate, seconds, warmup);

        var traffic = new dev.frontline.server.sim.DemoTraffic(server.sim().orElseThrow(), server.acd(),
                new NoOperators(), known, login -> true,
                dev.frontline.server.sim.SimConfig.from(config.section("sim")), 7).start();
        Instant measureFrom = Instant.now().plusSeconds(warmup);
        Thread.sleep(seconds * 1000L);
        traffic.close();
        Thread.sleep(3000);

        LatencyRecorder latency = new LatencyRecorder(1_000_000);
        int unmatched = 0;
        for (var e : poppedAt.entrySet()) {
            Instant offered = offeredAt.get(e.getKey());
            if (offered == null) {
                unmatched++;
                continue;
            }
            if (offered.isBefore(measureFrom)) {
                continue;
            }
            latency.record(Duration.between(offered, e.getValue()).toNanos());
        }
        int closed = (int) desks.stream().filter(d -> d.closed).count();
        System.out.printf("screen-pops: %d offered, %d received by desktops, %d measured after warm-up, "
                        + "%d without an offer event, %d desktops disconnected%n",
                offeredAt.size(), poppedAt.size(), latency.count(), unmatched, closed);
        System.out.printf("assignment -> screen-pop at the desktop: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                        + "(goal: p99 < 50 ms)%n", latency.percentileMicros(50) / 1000,
                latency.percentileMicros(99) / 1000, latency.percentileMicros(100) / 1000);
        for (Desk d : desks) {
            d.close();
        }
        server.close();
        timers.shutdownNow();
        System.exit(0);
    }

    static String login(int i) {
        return String.format("b%04d", i);
    }

    /** A temporary store: demo customers (their demo staff switched off) and {@code clients} bench operators. */
    private static List<dev.frontline.server.sim.DemoTraffic.KnownCaller> prepareStore(FrontlineConfig config, Path db,
                                                                                      int clients) {
        try (Stores stores = Stores.open(config, "jdbc:sqlite:" + db.toAbsolutePath(), Clock.systemUTC())) {
            DemoDataCommand.fill(stores, 300, 1, Instant.now());
            // cost 4: 500 logins in seconds instead of a minute; production hashes use security.hash-cost (>= 10)
            String hash = BCrypt.withDefaults().hashToString(4, "bench".toCharArray());
            List<NewOperator> ops = IntStream.rangeClosed(1, clients).mapToObj(i -> new NewOperator(login(i),
                    "Bench " + i, hash, Operator.Role.OPERATOR, Set.of(Tier.LINE1, Tier.LINE2, Tier.LINE3),
                    Set.of(Intent.values()), Set.of(Language.values()), "sim:" + login(i), Optional.empty())).toList();
            stores.database().inTransaction(c -> {
                try (var ps = c.prepareStatement("UPDATE operators SET active = 0")) {
                    ps.executeUpdate();
                }
                stores.operators().insertAll(c, ops);
                return null;
            });
            return dev.frontline.server.sim.DemoTraffic.knownCallers(stores.database(), 500);
        }
    }

    /** The demo traffic of the bench plays no operator: every desk is a WebSocket client. */
    private static final class NoOperators implements dev.frontline.core.operator.OperatorRepository {
        @Override
        public Optional<Operator> find(dev.frontline.core.common.OperatorId id) {
            return Optional.empty();
        }

        @Override
        public List<Operator> all() {
            return List.of();
        }

        @Override
        public Optional<Operator> authenticate(String login, char[] password) {
            return Optional.empty();
        }
    }

    /** One operator desktop: accepts every screen-pop, talks 1-4 s, hangs up, ends wrap-up. */
    static final class Desk implements WebSocket.Listener {
        private final Map<String, Instant> poppedAt;
        private final ScheduledExecutorService timers;
        private final Random random = new Random();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicInteger ids = new AtomicInteger();
        private WebSocket ws;
        volatile boolean closed;

        private Desk(Map<String, Instant> poppedAt, ScheduledExecutorService timers) {
            this.poppedAt = poppedAt;
            this.timers = timers;
        }

        static Desk open(HttpClient http, String base, String login, Map<String, Instant> poppedAt,
                         ScheduledExecutorService timers) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"login\":\"" + login + "\",\"password\":\"bench\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("login " + login + ": " + r.statusCode() + " " + r.body());
                }
                String token = JSON.readTree(r.body()).get("token").asText();
                Desk d = new Desk(poppedAt, timers);
                d.ws = http.newWebSocketBuilder().buildAsync(
                        URI.create(base.replace("http", "ws") + "/api/ws?token=" + token), d).join();
                return d;
            } catch (Exception e) {
                throw new IllegalStateException("desk " + login + " failed: " + e, e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            Instant received = Instant.now();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(JSON.readTree(text), received);
                } catch (Exception e) {
                    System.err.println("bad message: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handle(JsonNode m, Instant received) {
            String type = m.path("type").asText();
            String callId = m.path("callId").asText(null);
            switch (type) {
                case "screen-pop" -> {
                    poppedAt.putIfAbsent(callId, received);
                    sendLater("{\"type\":\"accept\",\"id\":\"a" + ids.incrementAndGet() + "\",\"callId\":\"" + callId + "\"}");
                }
                case "call-connected" -> timers.schedule(() -> send("{\"type\":\"hang-up\",\"id\":\"h"
                        + ids.incrementAndGet() + "\",\"callId\":\"" + callId + "\"}"),
                        1000 + random.nextInt(3000), TimeUnit.MILLISECONDS);
                case "call-finished" -> timers.schedule(() -> send("{\"type\":\"end-wrap-up\",\"id\":\"w"
                        + ids.incrementAndGet() + "\"}"), 300, TimeUnit.MILLISECONDS);
                default -> { }
            }
        }

        void sendLater(String json) {
            timers.execute(() -> send(json));
        }

        synchronized void send(String json) {
            if (!closed) {
                ws.sendText(json, true).join();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        void close() {
            if (!closed) {
                closed = true;
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench over");
            }
        }
    }
}
