package dev.frontline.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseTest {

    @Test
    void sqliteFileIsMigratedWithWalAndForeignKeys(@TempDir Path dir) throws Exception {
        try (Database db = Database.sqlite(dir.resolve("sub/frontline.db"))) {
            db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
                }
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM call_events")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                return null;
            });
        }
    }

    @Test
    void foreignKeyViolationIsRefused(@TempDir Path dir) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            assertThrows(StoreException.class, () -> db.inTransaction(c ->
                    c.createStatement().executeUpdate(
                            "INSERT INTO customer_phones(e164, customer_id, kind) VALUES ('+37060000000', 42, 'mobile')")));
        }
    }

    @Test
    void lowerVersionMergedLaterIsStillApplied(@TempDir Path dir) throws Exception {
        // given a store whose history lacks V2 (as when another module's higher version was applied first)
        Path file = dir.resolve("late.db");
        Database.sqlite(file).close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("DELETE FROM flyway_schema_history WHERE version = '2'");
            c.createStatement().executeUpdate("DROP INDEX customer_phones_by_customer");
            c.createStatement().executeUpdate("CREATE INDEX customer_phones_customer ON customer_phones (customer_id)");
        }
        // when it is opened again, then V2 is applied out of order instead of refused
        try (Database db = Database.sqlite(file)) {
            long n = db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'customer_phones_by_customer'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(n).isEqualTo(1);
        }
    }

    @Test
    void unknownJdbcUrlNamesTheKey() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open("jdbc:mysql://x/y", null, null));
        assertThat(e.getMessage()).contains("store.url");
    }
}
