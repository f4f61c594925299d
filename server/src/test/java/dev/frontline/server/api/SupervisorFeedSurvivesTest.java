package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20 item 8: an OutOfMemoryError in one snapshot no longer stops the supervisors' snapshots for good. */
class SupervisorFeedSurvivesTest extends ApiOnDiskTest {

    @Test
    void snapshotsGoOnAfterAnOutOfMemoryErrorInOneOfThem() throws Exception {
        start();
        AtomicInteger calls = new AtomicInteger();
        server.queueStats.set(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (test)");
            }
            return List.of();
        });
        DeskClient.Socket sue = server.client.connect(server.client.login("sue", "secret"));
        try {
            sue.await(ServerMessage.Welcome.class, 5);
            // the first tick fails with the error; the next ones (every 500 ms) must still send snapshots
            ServerMessage.QueueSnapshot snapshot = sue.await(ServerMessage.QueueSnapshot.class, 10);
            assertThat(snapshot).isNotNull();
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
        } finally {
            sue.close();
        }
    }
}
