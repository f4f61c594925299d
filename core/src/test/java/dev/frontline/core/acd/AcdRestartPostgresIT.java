package dev.frontline.core.acd;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link AcdRestartTest} on a real PostgreSQL: a JVM running the ACD under traffic is SIGKILLed twice; the ACD that
 * starts after it finds every caller it had acknowledged ("queued", "callback confirmed") exactly once, where the
 * log left it.
 */
class AcdRestartPostgresIT {

    @Test
    void aKilledProcessLosesAndDuplicatesNobodyOnPostgres() throws Exception {
        String url;
        try (Database created = PostgresTestDatabase.fresh()) { // migrated, then left to the children
            url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
        }
        Set<String> acked = new LinkedHashSet<>();
        Set<String> callbacks = new HashSet<>();
        AcdRestartTest.runChildUntilKilled(url, "first", 60, acked, callbacks);
        AcdRestartTest.runChildUntilKilled(url, "second", 60, acked, callbacks);
        try (Database db = Database.open(url, "postgres", "postgres")) {
            AcdRestartTest.assertNobodyLostOrTwice(db, acked, callbacks);
        }
    }
}
