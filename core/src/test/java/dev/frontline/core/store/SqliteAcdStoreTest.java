package dev.frontline.core.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The ACD store contract on a SQLite file. */
class SqliteAcdStoreTest extends AcdStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("acd.db"));
    }

    @Override
    protected Database openSecondPool() {
        return Database.sqlite(dir.resolve("acd.db"));
    }
}
