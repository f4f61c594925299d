package dev.frontline.core.store;

import java.nio.file.Path;

/** A real SQLite file for a test, in the test's {@code @TempDir}. */
public final class SqliteTestDatabase {
    private SqliteTestDatabase() {
    }

    public static Database open(Path dir) {
        return Database.sqlite(dir.resolve("frontline-test.db"));
    }
}
