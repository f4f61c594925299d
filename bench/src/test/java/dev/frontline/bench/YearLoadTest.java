package dev.frontline.bench;

import dev.frontline.core.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLite: the bulk loader (indexes and triggers dropped, journal off, rebuild after) against the slow one. */
class YearLoadTest extends YearLoadContract {
    @TempDir
    Path dir;

    @Test
    void bulkLoadGivesTheSameDatabaseAndReportsAsTheSlowOne() throws Exception {
        Path bulkFile = dir.resolve("bulk.db");
        YearLoader.Loaded loaded = YearLoader.bulkSqlite(bulkFile, CALLS);
        assertThat(loaded.rows()[ReportYear.Table.CALLS.ordinal()]).isEqualTo(CALLS);
        assertThat(Files.exists(dir.resolve("bulk.db.loading"))).isFalse();
        try (Database slow = Database.sqlite(dir.resolve("slow.db")); Database bulk = Database.sqlite(bulkFile)) {
            YearLoader.slow(slow, CALLS);
            assertSame(slow, bulk);
            // the indexes and triggers the migrations made are all back (the same schema as the slow file)
            String schema = "(SELECT type, name, tbl_name, sql FROM sqlite_master) m";
            assertThat(dump(bulk, schema, "type, name")).isEqualTo(dump(slow, schema, "type, name"));
        }
    }

    @Test
    void aBulkLoadNeverOverwritesAFile() throws Exception {
        Path file = dir.resolve("kept.db");
        Files.writeString(file, "kept");
        assertThatThrownBy(() -> YearLoader.bulkSqlite(file, CALLS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists");
        assertThat(Files.readString(file)).isEqualTo("kept");
    }
}
