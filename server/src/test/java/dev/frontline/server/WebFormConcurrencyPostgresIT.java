package dev.frontline.server;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@link WebFormConcurrencyTest} on a real PostgreSQL: 300 web-form posts at 20 concurrent all answered 201, each
 * ticket with its note and callback (the one-transaction joint write).
 */
class WebFormConcurrencyPostgresIT {
    @Test
    void threeHundredPostsAtTwentyConcurrentAllSucceedOnPostgres() throws Exception {
        String url;
        try (Database created = PostgresTestDatabase.fresh()) {
            url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
        }
        WebFormConcurrencyTest.postAndCheck("store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n",
                () -> Database.open(url, "postgres", "postgres"));
    }
}
