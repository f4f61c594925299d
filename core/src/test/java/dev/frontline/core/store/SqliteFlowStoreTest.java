package dev.frontline.core.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The voice menu's tables on a SQLite file. */
class SqliteFlowStoreTest extends FlowStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return SqliteTestDatabase.open(dir);
    }
}
