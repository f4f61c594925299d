package dev.frontline.server.cluster;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import dev.frontline.server.FrontlineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        return FrontlineConfig.parse("store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                + "sim:\n  enabled: true\nflows:\n  dir: ../ivr-flows\napi:\n  bind: 127.0.0.1\n  port: 0\n"
                + "cluster:\n  server-id: " + serverId + "\n  lease: 1s\n  heartbeat: 200ms\n", "test", Map.of());
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

    private static int health(FrontlineServer s) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + "callback")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theStandbyWaitsWithoutRoutingAndTakesOverWhenTheLeaderStops() throws Exception {
        a = FrontlineServer.start(config("a"), FrontlineServer.Options.production());
        assertThat(epoch()).isEqualTo(1);
        b = CompletableFuture.supplyAsync(() -> FrontlineServer.start(config("b"), FrontlineServer.Options.production()));

        Thread.sleep(1500); // longer than the lease: a live leader keeps renewing it
        assertThat(b).as("a standby neither starts its ACD nor opens its ports").isNotDone();
        assertThat(epoch()).isEqualTo(1);

        long stopped = System.nanoTime();
        a.close();
        a = null;
        FrontlineServer taken = b.get(60, TimeUnit.SECONDS); // how fast is FailoverBench's business; CI machines are loaded
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

        assertThat(epoch()).isEqualTo(2);
        assertThat(taken.acd().snapshot()).isNotNull();
        assertThat(health(taken)).isEqualTo(200);
        System.out.println("standby took over and serves " + ms + " ms after the leader stopped");
    }

    @Test
    void aLeaderThatLosesItsSessionStopsRoutingAndTheStandbyTakesOver() throws Exception {
        a = FrontlineServer.start(config("a"), FrontlineServer.Options.production());
        b = CompletableFuture.supplyAsync(() -> FrontlineServer.start(config("b"), FrontlineServer.Options.production()));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // b is up and waiting as the standby
        while (sessions("frontline:b") == 0 && System.nanoTime() < until) {
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
