package dev.frontline.core.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The foundation store contract on a real SQLite file. */
class SqliteFoundationStoreTest extends FoundationStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return SqliteTestDatabase.open(dir);
    }
}
