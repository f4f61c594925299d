package dev.frontline.desktop.net;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.store.Database;
import dev.frontline.server.testing.ApiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.frontline.server.testing.ServeProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: a desk with two servers (as on one PostgreSQL store, where only the leader's ports are open). When the
 * server in use goes away and the other one takes over the same store, the desktop moves there by itself: its live
 * connection gets a new welcome with the same session, and HTTP requests go there too.
 */
class ServerFailoverTest {
    @TempDir
    Path dir;

    @Test
    void theDesktopMovesToTheOtherServerWithItsSessionWhenTheFirstGoesAway() throws Exception {
        Path store = dir.resolve("desk.db");
        int secondPort = freePort();
        ApiFixture first = new ApiFixture(Clock.systemUTC(), Duration.ofHours(1), c -> c, () -> Database.sqlite(store));
        ApiFixture second = null;
        List<ServerMessage> received = new CopyOnWriteArrayList<>();
        List<LiveConnection.Status> statuses = new CopyOnWriteArrayList<>();
        ApiClient client = new ApiClient(List.of(URI.create("http://127.0.0.1:" + first.api.port()),
                URI.create("http://127.0.0.1:" + secondPort)), Runnable::run);
        try {
            Views.LoginResponse anna = client.login("anna", "secret").get(10, TimeUnit.SECONDS);
            try (LiveConnection live = client.connect(anna, new LiveConnection.Listener() {
                @Override
                public void onMessage(ServerMessage m) {
                    received.add(m);
                }

                @Override
                public void onStatus(LiveConnection.Status s, String detail) {
                    statuses.add(s);
                }
            })) {
                await(() -> welcomes(received) == 1, "the first server's welcome");

                first.close(); // the leader dies ...
                first = null;
                second = new ApiFixture(Clock.systemUTC(), Duration.ofHours(1), c -> c.withPort(secondPort),
                        () -> Database.sqlite(store)); // ... and the standby opens its ports on the same store

                await(() -> welcomes(received) == 2, "a welcome from the second server");
                assertThat(client.base().getPort()).isEqualTo(secondPort);
                assertThat(statuses).contains(LiveConnection.Status.RECONNECTING)
                        .endsWith(LiveConnection.Status.ONLINE);
                assertThat(client.callbacks(anna).get(10, TimeUnit.SECONDS)).isNotNull(); // HTTP there as well
            }
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void aRequestRefusedByADeadServerIsSentToTheNextOne() throws Exception {
        Path store = dir.resolve("desk.db");
        try (ApiFixture up = new ApiFixture(Clock.systemUTC(), Duration.ofHours(1), c -> c,
                () -> Database.sqlite(store))) {
            ApiClient client = new ApiClient(List.of(URI.create("http://127.0.0.1:" + freePort()),
                    URI.create("http://127.0.0.1:" + up.api.port())), Runnable::run);

            Views.LoginResponse anna = client.login("anna", "secret").get(10, TimeUnit.SECONDS);

            assertThat(anna.token()).isNotBlank();
            assertThat(client.base().getPort()).isEqualTo(up.api.port());
        }
    }

    @Test
    void severalServersAreWrittenWithCommasOrSpaces() {
        assertThat(ApiClient.parseServerUrls("http://a:8080, http://b:8080 http://a:8080"))
                .containsExactly(URI.create("http://a:8080/"), URI.create("http://b:8080/"));
    }

    private static long welcomes(List<ServerMessage> received) {
        return received.stream().filter(m -> m instanceof ServerMessage.Welcome).count();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
