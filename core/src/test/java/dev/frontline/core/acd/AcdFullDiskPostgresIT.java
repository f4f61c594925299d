package dev.frontline.core.acd;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link AcdFullDiskTest} on a real PostgreSQL with a really full disk: {@code call_events} is moved to a tablespace
 * on a 4 MB tmpfs, which a filler table then fills to the last byte, so PostgreSQL answers the ACD's appends with
 * SQLSTATE 53100 ("could not extend file ...: No space left on device"); dropping the filler makes room again.
 * Mounting needs root (CAP_SYS_ADMIN): elsewhere the test is skipped and says so.
 */
class AcdFullDiskPostgresIT {

    @Test
    void aFullDiskUnderPostgresConfirmsOnlyWhatIsLogged(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("small-disk");
        Files.createDirectories(disk);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(mount.waitFor() == 0,
                "skipped: cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN): " + said);
        try (Database db = PostgresTestDatabase.fresh()) {
            Path dataDir = Path.of(sql(db, "SHOW data_directory"));
            Files.setOwner(disk, Files.getOwner(dataDir)); // the server's own user writes the tablespace
            exec(db, "CREATE TABLESPACE small_disk LOCATION '" + disk + "'");
            exec(db, "ALTER TABLE call_events SET TABLESPACE small_disk");
            AcdFullDiskTest.scenario(db, () -> fill(db), () -> exec(db, "DROP TABLE IF EXISTS disk_filler"),
                    "PostgreSQL, tmpfs tablespace");
            exec(db, "ALTER TABLE call_events SET TABLESPACE pg_default");
            exec(db, "DROP TABLESPACE small_disk");
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    /** Inserts into a filler table in the tablespace until PostgreSQL says the disk is full (53100). */
    private static void fill(Database db) throws SQLException {
        exec(db, "CREATE TABLE disk_filler (pad TEXT) TABLESPACE small_disk");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (int i = 0; i < 100_000; i++) {
                s.execute("INSERT INTO disk_filler SELECT repeat(md5(random()::text), 60) FROM generate_series(1, 50)");
            }
            throw new IllegalStateException("the 4 MB tablespace never filled");
        } catch (SQLException e) {
            if (!"53100".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void exec(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }

    private static String sql(Database db, String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
