package dev.frontline.server.testing;

import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * For tests of what a running server does with its store: an {@link ApiFixture} on a SQLite file in a temporary
 * folder, on a clock the test moves; {@link #start} again is a restart on the same store. Closed after each test.
 */
public abstract class ApiOnDiskTest {
    @TempDir
    protected Path dir;
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    protected ApiFixture server;

    /** Starts the server with 8-hour sessions, closing the running one first (a restart). */
    protected ApiFixture start() {
        if (server != null) {
            server.close();
        }
        server = new ApiFixture(dir, clock, Duration.ofHours(8));
        return server;
    }

    /** Starts the server with its API configuration changed by {@code tune}. */
    protected ApiFixture start(java.util.function.UnaryOperator<dev.frontline.server.api.ApiConfig> tune) {
        if (server != null) {
            server.close();
        }
        server = new ApiFixture(dir, clock, Duration.ofHours(8), tune);
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
