package dev.frontline.server.cluster;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import dev.frontline.server.FrontlineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import java.time.Instant;
import java.util.Optional;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two whole servers on one real PostgreSQL: one leads, the other waits as a standby and takes over. */
class TwoServersOnPostgresIT {
    private Database store;
    private String url;
    private FrontlineServer a;
    private CompletableFuture<FrontlineServer> b;

    @BeforeEach
    void startStore() {
        store = PostgresTestDatabase.fresh();
        url = ((com.zaxxer.hikari.HikariDataSource) store.dataSource()).getJdbcUrl();
    }

    @AfterEach
    void stop() throws Exception {
        if (b != null) {
            b.cancel(true);
            if (b.isDone() && !b.isCompletedExceptionally()) {
                b.get().close();
            }
        }
        if (a != null) {
            a.close();
        }
        store.close();
    }

    private FrontlineConfig config(String serverId) {
        return config(serverId, true);
    }

    private FrontlineConfig config(String serverId, boolean warm) {
        return FrontlineConfig.parse("store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                + "sim:\n  enabled: true\nflows:\n  dir: ../ivr-flows\napi:\n  bind: 127.0.0.1\n  port: 0\n"
                + "cluster:\n  server-id: " + serverId + "\n  lease: 1s\n  heartbeat: 200ms\n  warm-standby: " + warm
                + "\n", "test", Map.of());
    }

    private long sessions(String applicationName) {
        return store.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private long epoch() {
        return store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT epoch FROM acd_leader")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static boolean listeningOn(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int health(FrontlineServer s) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + "callback")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long scalar(String sql) {
        return store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Web-driven callers (Twilio's survive a server change) wait: no operator is ready. */
    private static void enqueue(FrontlineServer s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            s.acd().enqueue(new QueuedCall(new CallId("CA" + i), Intent.TECHNICAL, 1, Tier.LINE1, Language.EN,
                    Optional.empty(), "+3706000" + (1000 + i), Backend.TWILIO, Instant.now()));
        }
    }

    private void awaitListening(String serverId) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:" + serverId
                + "' AND query LIKE 'LISTEN%'") == 0) {
            assertThat(System.nanoTime()).as("standby %s LISTENs within 60 s", serverId).isLessThan(until);
            Thread.sleep(50);
        }
    }

    @ParameterizedTest(name = "warm standby: {0}")
    @ValueSource(booleans = {true, false})
    void theStandbyWaitsWithoutRoutingAndTakesOverWhenTheLeaderStops(boolean warm) throws Exception {
        a = FrontlineServer.start(config("a", warm), FrontlineServer.Options.production());
        assertThat(epoch()).isEqualTo(1);
        enqueue(a, 0, 20);
        long before = scalar("SELECT count(*) FROM call_events");
        int bPort = dev.frontline.server.testing.ServeProcess.freePort();
        b = CompletableFuture.supplyAsync(() -> FrontlineServer.start(config("b", warm),
                FrontlineServer.Options.production().withPort(bPort)));
        if (warm) {
            awaitListening("b");
        }
        enqueue(a, 20, 5); // while b waits
        long total = scalar("SELECT count(*) FROM call_events");

        Thread.sleep(1500); // longer than the lease: a live leader keeps renewing it
        assertThat(b).as("a standby neither starts its ACD nor opens its ports").isNotDone();
        assertThat(listeningOn(bPort)).as("the standby's API port stays closed (ADR 0149)").isFalse();
        assertThat(epoch()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:b'"
                + " AND query LIKE 'LISTEN%'")).as("only a warm standby LISTENs").isEqualTo(warm ? 1 : 0);

        long stopped = System.nanoTime();
        a.close();
        a = null;
        FrontlineServer taken = b.get(60, TimeUnit.SECONDS); // how fast is FailoverBench's business; CI machines are loaded
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

        assertThat(epoch()).isEqualTo(2);
        assertThat(taken.acd().snapshot()).isNotNull();
        assertThat(health(taken)).isEqualTo(200);
        assertThat(taken.port()).as("the configured port, opened at the takeover").isEqualTo(bPort);
        if (warm) { // it followed the log from its start: at most what a logged while it waited is left to read
            assertThat(taken.acd().eventsReadAtStart()).isLessThanOrEqualTo(total - before);
        } else { // no snapshot yet (fewer than acd.snapshot-every.events): the whole log
            assertThat(taken.acd().eventsReadAtStart()).isEqualTo(total);
        }
        for (int i = 0; i < 25; i++) {
            assertThat(taken.acd().status(new CallId("CA" + i))).as("caller CA%d still waits", i).isPresent();
        }
        System.out.println("standby took over and serves " + ms + " ms after the leader stopped");
    }

    @Test
    void aStandbyBuildsTheWholeServerWhileItWaitsSoABrokenOneFailsAtOnceNotAtTheTakeover() throws Exception {
        a = FrontlineServer.start(config("a"), FrontlineServer.Options.production());
        // b's voice menu cannot be built: with the server built only after the election, b would wait as a healthy
        // standby and fail at the takeover, leaving the desk with no server at all (ADR 0149)
        FrontlineConfig broken = FrontlineConfig.parse("store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                + "sim:\n  enabled: true\nflows:\n  dir: ../no-such-flows\napi:\n  bind: 127.0.0.1\n  port: 0\n"
                + "cluster:\n  server-id: b\n  lease: 1s\n  heartbeat: 200ms\n", "test", Map.of());
        b = CompletableFuture.supplyAsync(() -> FrontlineServer.start(broken, FrontlineServer.Options.production()));

        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> b.get(60, TimeUnit.SECONDS),
                "the standby fails while the leader still leads");
        assertThat(failed.getCause()).isInstanceOf(dev.frontline.core.config.ConfigException.class)
                .hasMessageContaining("flows.dir");
        assertThat(epoch()).as("the leader was never disturbed").isEqualTo(1);
        assertThat(health(a)).isEqualTo(200);
        b = null;
    }

    @Test
    void aLeaderThatLosesItsSessionStopsRoutingAndTheStandbyTakesOver() throws Exception {
        a = FrontlineServer.start(config("a"), FrontlineServer.Options.production());
        b = CompletableFuture.supplyAsync(() -> FrontlineServer.start(config("b"), FrontlineServer.Options.production()));
        // b is up and waiting as the standby: its leadership session has read the lease (its pool opens earlier; a
        // session cut before b tries to lead lets the deposed a, which keeps trying in this test, win the lock again)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:b'"
                + " AND query LIKE '%FROM acd_lease%'") == 0) {
            assertThat(System.nanoTime()).as("b tries to lead within 60 s").isLessThan(until);
            Thread.sleep(50);
        }

        // e.g. a network cut between server a and the database: all of a's sessions end
        store.inTransaction(c -> c.createStatement().executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frontline:a'"));

        assertThat(a.deposed().get(15, TimeUnit.SECONDS)).contains("session");
        FrontlineServer taken = b.get(60, TimeUnit.SECONDS); // how fast is FailoverBench's business; CI machines are loaded
        assertThat(epoch()).isEqualTo(2);
        assertThat(taken.acd().snapshot()).isNotNull();
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> a.acd().setOperatorState(new dev.frontline.core.common.OperatorId("anna"),
                        dev.frontline.core.acd.OperatorState.READY, ""),
                "the deposed server's ACD takes no more commands");
    }
}
