package dev.frontline.server.faults;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** {@link ServerKillTest} on a real PostgreSQL: the server killed with SIGKILL loses nothing it confirmed. */
class ServerKillPostgresIT {

    @Test
    void aKilledServerLosesNothingItConfirmedOnPostgres(@TempDir Path dir) throws Exception {
        String url;
        try (Database created = PostgresTestDatabase.fresh()) {
            url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
        }
        KillHarness harness = new KillHarness(dir,
                "store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n", 21);
        harness.run(2, Duration.ofSeconds(3), Duration.ofSeconds(6), 6, System.out);

        try (Database db = Database.open(url, "postgres", "postgres")) {
            ServerKillTest.assertNothingLost(harness.check(db));
        }
    }
}
