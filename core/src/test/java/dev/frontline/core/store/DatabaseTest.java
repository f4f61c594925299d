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
    void unknownJdbcUrlNamesTheKey() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open("jdbc:mysql://x/y", null, null));
        assertThat(e.getMessage()).contains("store.url");
    }
}
