package dev.frontline.core.store;

/** The ACD store contract (event log, tickets, full-text knowledge base) on a real PostgreSQL. */
class PostgresAcdStoreIT extends AcdStoreContract {
    private String url;

    @Override
    protected Database openDatabase() {
        Database d = PostgresTestDatabase.fresh();
        url = ((com.zaxxer.hikari.HikariDataSource) d.dataSource()).getJdbcUrl();
        return d;
    }

    @Override
    protected Database openSecondPool() {
        return Database.open(url, "postgres", "postgres");
    }
}
