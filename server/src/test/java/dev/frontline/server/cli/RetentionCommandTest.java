package dev.frontline.server.cli;

import dev.frontline.core.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline retention ...} on a real SQLite file, as an administrator runs it. */
class RetentionCommandTest {
    @TempDir Path dir;
    private Path config;
    private CliRun cli;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
        cli = new CliRun(config, dir.resolve("f.db"));
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            db.inTransaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO customers (id, contract_number, name, created_at) VALUES (3, 'C-3', 'Jonas', 0)");
                c.createStatement().executeUpdate("INSERT INTO calls (call_id, backend, calling_number, customer_id, started_at, ended_at) "
                        + "VALUES ('ancient', 'sim', '+37060000003', 3, 1000, 2000)");
                return null;
            });
        }
    }


    private long count(String sql) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void aDryRunPrintsWhatWouldGoThenThePurgeRemovesIt() {
        assertThat(cli.run("retention", "purge", "--months", "12", "--dry-run")).isEqualTo(0);
        assertThat(cli.out()).contains("would remove").containsPattern("calls\\s+1");
        assertThat(count("SELECT count(*) FROM calls")).isEqualTo(1);

        assertThat(cli.run("retention", "purge", "--months", "12")).isEqualTo(0);
        assertThat(count("SELECT count(*) FROM calls")).isZero();
        assertThat(cli.run("retention", "purge", "--months", "0")).isEqualTo(1);
        assertThat(cli.err()).contains("at least 1");
    }

    @Test
    void erasingAnUnknownContractChangesNothingAndAKnownOneIsGone() {
        assertThat(cli.run("retention", "erase", "C-404")).isEqualTo(1);
        assertThat(cli.err()).contains("no customer with contract 'C-404'; nothing changed");

        assertThat(cli.run("retention", "erase", "C-3")).isEqualTo(0);
        assertThat(count("SELECT count(*) FROM customers")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'erase-customer' AND subject = 'C-3'")).isEqualTo(1);
    }
}
