package dev.frontline.server.cli;

import dev.frontline.core.store.Database;
import dev.frontline.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws Exception {
        Path config = dir.resolve("frontline.yaml");
        if (!Files.exists(config)) {
            Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("data/f.db") + "\n");
        }
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return cl.execute(all);
    }

    private long count(String table) {
        try (Database db = Database.sqlite(dir.resolve("data/f.db"))) {
            return db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void goodFileIsImportedThenABrokenOneChangesNothing() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "contract,name,mobile\nLT-1,Ona,0612 34567\nLT-2,Petras,0612 34568\n");
        assertThat(run("import", "customers", good.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("imported 2 customers");
        assertThat(count("customers")).isEqualTo(2);

        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "contract,name,mobile\nLT-3,Jonas,0612 34569\nLT-1,Again,0612 34570\n,Nobody,x\n");
        assertThat(run("import", "customers", broken.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(
                broken + ":3: contract LT-1 is already in the store",
                broken + ":4:1: missing contract",
                broken + ":4:3: mobile: 'x' is not a phone number",
                broken + ": 3 errors, no customers imported");
        assertThat(count("customers")).isEqualTo(2);
        assertThat(count("customer_phones")).isEqualTo(2);
    }

    @Test
    void anImportWithPinsSaysHowFarItGotAndADryRunHashesNone() throws Exception {
        Path pins = dir.resolve("pins.csv");
        Files.writeString(pins, "contract,name,pin\nLT-1,Ona,1234\nLT-2,Petras,5678\nLT-3,Jonas,9012\n");

        assertThat(run("customers", "import", "--dry-run", pins.toString())).isEqualTo(0);
        assertThat(err.toString()).doesNotContain("hashed");
        assertThat(out.toString()).contains("would add 3");

        assertThat(run("import", "customers", pins.toString())).isEqualTo(0);
        assertThat(err.toString()).containsPattern("checked and hashed 3 of 3 rows \\(100%\\) on \\d+ cores");
        assertThat(count("customers")).isEqualTo(3);
    }

    @Test
    void operatorsAreImported() throws Exception {
        Path f = dir.resolve("ops.csv");
        Files.writeString(f, "login,name,password,role,skills,languages,endpoint\n"
                + "anna,Anna,longenough,operator,line1|technical,lt|en,PJSIP/op101\n");
        assertThat(run("import", "operators", f.toString())).isEqualTo(0);
        assertThat(count("operators")).isEqualTo(1);
    }

    @Test
    void badConfigIsOneLineNotAStackTrace() throws Exception {
        Files.writeString(dir.resolve("frontline.yaml"), "store:\n  url: jdbc:mysql://x\n");
        assertThat(run("import", "customers", "whatever.csv")).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("frontline: store.url: must start with jdbc:sqlite: or jdbc:postgresql:, not 'jdbc:mysql://x'");
    }
}
