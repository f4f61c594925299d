package dev.frontline.server.api;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;

import java.util.function.Supplier;

/**
 * {@link CallbackFormAbuseTest} on a real PostgreSQL: the form's limits (per address, per phone, everyone's rate, the
 * cap on pending web callbacks) counted in {@code web_form_posts} there, kept across a restart.
 */
class CallbackFormAbusePostgresIT extends CallbackFormAbuseTest {
    private String url;

    @Override
    Supplier<Database> store() {
        if (url == null) {
            try (Database created = PostgresTestDatabase.fresh()) {
                url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
            }
        }
        return () -> Database.open(url, "postgres", "postgres");
    }
}
