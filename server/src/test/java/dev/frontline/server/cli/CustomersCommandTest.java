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

/** {@code frontline customers ...} on a real SQLite file: updates from billing, PIN reset by SMS, deactivation. */
class CustomersCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
        Path first = Files.writeString(dir.resolve("first.csv"), "contract,name,mobile,area,plan,pin\n"
                + "C-1,Ona,+37061111111,Kaunas,Fiber 100,1234\n"
                + "C-2,Petras,+37062222222,Vilnius,TV Basic,\n"
                + "C-3,Jonas,,Kaunas,Fiber 100,\n");
        assertThat(run("import", "customers", first.toString())).as(err.toString()).isZero();
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

    private String one(String sql) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
        }
    }

    private String snapshot() {
        return one("SELECT group_concat(contract_number || '/' || name || '/' || coalesce(mobile, '') || '/' || coalesce(plan, '')"
                + " || '/' || coalesce(pin_hash, ''), ';') FROM (SELECT * FROM customers ORDER BY id)")
                + one("SELECT group_concat(e164, ';') FROM (SELECT e164 FROM customer_phones ORDER BY e164)");
    }

    @Test
    void aDryRunPrintsWhatWouldChangeAndAnUpdateDoesItInOneGo() throws Exception {
        Path billing = Files.writeString(dir.resolve("billing.csv"), "contract,name,mobile,plan\n"
                + "C-1,Ona,+37061111111,Fiber 300\n"
                + "C-2,Petras Petraitis,+37069999999,TV Basic\n"
                + "C-3,Jonas,,Fiber 100\n"
                + "C-4,Rūta,+37064444444,Fiber 300\n");
        String before = snapshot();

        assertThat(run("customers", "import", "--update", "--dry-run", billing.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("add     C-4 Rūta",
                "change  C-1 (" + billing + ":2): plan: 'Fiber 100' -> 'Fiber 300'",
                "change  C-2 (" + billing + ":3): name: 'Petras' -> 'Petras Petraitis'; mobile: '+37062222222' -> '+37069999999'",
                "would add 1, change 2, unchanged 1 customers");
        assertThat(snapshot()).isEqualTo(before);

        assertThat(run("customers", "import", "--update", billing.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("added 1, changed 2, unchanged 1");
        assertThat(one("SELECT plan FROM customers WHERE contract_number = 'C-1'")).isEqualTo("Fiber 300");
        assertThat(one("SELECT area FROM (SELECT service_area AS area FROM customers WHERE contract_number = 'C-1')")).isEqualTo("Kaunas");
        assertThat(one("SELECT pin_hash IS NOT NULL FROM customers WHERE contract_number = 'C-1'")).isEqualTo("1");
        assertThat(one("SELECT customer_id FROM customer_phones WHERE e164 = '+37069999999'"))
                .isEqualTo(one("SELECT id FROM customers WHERE contract_number = 'C-2'"));
        assertThat(one("SELECT count(*) FROM customer_phones WHERE e164 = '+37062222222'")).isEqualTo("0");
        assertThat(one("SELECT detail FROM audit_log WHERE action = 'customers-import'")).isEqualTo("added 1, changed 2, unchanged 1");
    }

    @Test
    void anUpdateWithBadRowsNamesFileLineAndColumnAndChangesNothing() throws Exception {
        Path billing = Files.writeString(dir.resolve("bad.csv"), "contract,name,mobile,pin\n"
                + "C-1,Ona,+37061111111,9999\n"
                + "C-2,,+37062222222,\n"
                + "C-5,Naujas,12,\n"
                + "C-5,Naujas,,\n");
        String before = snapshot();

        assertThat(run("customers", "import", "--update", billing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(billing + ":2:4: pin: contract C-1 is already in the store",
                billing + ":3:2: missing name", billing + ":4:3: mobile:", billing + ":5: duplicate contract C-5",
                "no customers imported");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(one("SELECT count(*) FROM audit_log")).isEqualTo("0");
    }

    @Test
    void withoutUpdateAKnownContractIsStillRefused() throws Exception {
        Path again = Files.writeString(dir.resolve("again.csv"), "contract,name\nC-1,Ona\n");
        assertThat(run("customers", "import", again.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(again + ":2: contract C-1 is already in the store");
    }

    @Test
    void aPinResetTextsTheMobileOnFileOnlyAndNeverShowsThePin() {
        String oldHash = one("SELECT pin_hash FROM customers WHERE contract_number = 'C-1'");

        assertThat(run("customers", "pin-reset", "C-1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("new PIN sent by SMS to the mobile on file of C-1").doesNotContainPattern("\\d{6}");
        assertThat(one("SELECT pin_hash FROM customers WHERE contract_number = 'C-1'")).isNotEqualTo(oldHash);
        assertThat(one("SELECT to_number || ' ' || body || ' ' || purpose FROM sms_messages"))
                .isEqualTo("+37061111111 Your new PIN: [redacted] pin-reset");
        assertThat(one("SELECT action || ' ' || subject FROM audit_log")).isEqualTo("pin-reset C-1");

        assertThat(run("customers", "pin-reset", "C-3")).isEqualTo(1);
        assertThat(err.toString()).contains("C-3 has no mobile on file", "nothing changed");
        assertThat(run("customers", "pin-reset", "C-404")).isEqualTo(1);
        assertThat(err.toString()).contains("no customer with contract 'C-404'");
        assertThat(one("SELECT count(*) FROM sms_messages")).isEqualTo("1");
    }

    @Test
    void deactivatingClosesTheCustomerAndRemovesThePin() {
        assertThat(run("customers", "deactivate", "C-1")).as(err.toString()).isZero();
        assertThat(one("SELECT status || '/' || coalesce(pin_hash, 'none') FROM customers WHERE contract_number = 'C-1'")).isEqualTo("closed/none");
        assertThat(run("customers", "deactivate", "C-1")).isEqualTo(1);
        assertThat(err.toString()).contains("closed already");
        assertThat(run("customers", "pin-reset", "C-1")).isEqualTo(1);
        assertThat(one("SELECT count(*) FROM audit_log WHERE action = 'customer-deactivate'")).isEqualTo("1");
    }
}
