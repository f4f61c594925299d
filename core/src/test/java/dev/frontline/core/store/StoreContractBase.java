package dev.frontline.core.store;

import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;

/**
 * Base of the store contract suites: each test gets a freshly migrated, empty {@link Database} and a clock it moves
 * by hand. Write a suite once as an abstract subclass, then run it twice: {@code SqliteXxxTest} (surefire) whose
 * {@link #openDatabase()} returns {@link SqliteTestDatabase#open}, and {@code PostgresXxxIT} (failsafe) returning
 * {@link PostgresTestDatabase#fresh()}. Shipped in core's test-jar.
 */
public abstract class StoreContractBase {
    protected Database db;
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    /** A new, migrated, empty database; closed after each test. */
    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = openDatabase();
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    /** Rows in {@code table} once the queued (write-behind) writes are committed. */
    protected long rows(String table) {
        db.flush();
        return db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
