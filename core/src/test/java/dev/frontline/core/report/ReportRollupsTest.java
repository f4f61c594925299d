package dev.frontline.core.report;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.SqliteTestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The rollups' property on a real SQLite file. */
class ReportRollupsTest extends ReportRollupsContract {
    @TempDir Path dir;

    @Override
    protected Database openDatabase() {
        return SqliteTestDatabase.open(dir);
    }
}
