package dev.frontline.bench;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL: the bulk loader (COPY, indexes dropped, triggers off for its sessions, rebuild after) against the slow one. */
class YearLoadPostgresIT extends YearLoadContract {
    @Test
    void bulkLoadGivesTheSameDatabaseAndReportsAsTheSlowOne() throws Exception {
        EmbeddedPostgres pg = PostgresTestDatabase.server();
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/year_bulk_" + ProcessHandle.current().pid();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE year_bulk_" + ProcessHandle.current().pid());
        }
        try (Database slow = PostgresTestDatabase.fresh(); Database bulk = Database.open(url, "postgres", "postgres")) {
            YearLoader.Loaded loaded = YearLoader.bulkPostgres(bulk, url, "postgres", "postgres", CALLS);
            assertThat(loaded.rows()[ReportYear.Table.CALLS.ordinal()]).isEqualTo(CALLS);
            YearLoader.slow(slow, CALLS);
            assertSame(slow, bulk);
            String indexes = "pg_indexes WHERE schemaname = current_schema()";
            assertThat(dump(bulk, indexes, "indexname")).isEqualTo(dump(slow, indexes, "indexname"));
            String triggers = "pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'";
            assertThat(dump(bulk, "(SELECT tgname FROM " + triggers + ") t", "tgname"))
                    .isNotEmpty().isEqualTo(dump(slow, "(SELECT tgname FROM " + triggers + ") t", "tgname"));
        }
    }
}
