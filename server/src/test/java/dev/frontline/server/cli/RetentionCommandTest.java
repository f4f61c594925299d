package dev.frontline.server.cli;

import dev.frontline.core.store.Database;
import dev.frontline.server.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline retention ...} on a real SQLite file, as an administrator runs it. */
class RetentionCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
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

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return cl.execute(all);
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
        assertThat(run("retention", "purge", "--months", "12", "--dry-run")).isEqualTo(0);
        assertThat(out.toString()).contains("would remove").containsPattern("calls\\s+1");
        assertThat(count("SELECT count(*) FROM calls")).isEqualTo(1);

        assertThat(run("retention", "purge", "--months", "12")).isEqualTo(0);
        assertThat(count("SELECT count(*) FROM calls")).isZero();
        assertThat(run("retention", "purge", "--months", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("at least 1");
    }

    @Test
    void erasingAnUnknownContractChangesNothingAndAKnownOneIsGone() {
        assertThat(run("retention", "erase", "C-404")).isEqualTo(1);
        assertThat(err.toString()).contains("no customer with contract 'C-404'; nothing changed");

        assertThat(run("retention", "erase", "C-3")).isEqualTo(0);
        assertThat(count("SELECT count(*) FROM customers")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'erase-customer' AND subject = 'C-3'")).isEqualTo(1);
    }
}
