package dev.frontline.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline customers ...} on a real SQLite file: updates from billing, PIN reset by SMS, deactivation. */
class CustomersCommandTest {
    @TempDir Path dir;
    private Path config;
    private CliRun cli;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
        cli = new CliRun(config, dir.resolve("f.db"));
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
        Path first = Files.writeString(dir.resolve("first.csv"), "contract,name,mobile,area,plan,pin\n"
                + "C-1,Ona,+37061111111,Kaunas,Fiber 100,1234\n"
                + "C-2,Petras,+37062222222,Vilnius,TV Basic,\n"
                + "C-3,Jonas,,Kaunas,Fiber 100,\n");
        assertThat(cli.run("import", "customers", first.toString())).as(cli.err()).isZero();
    }

    private String snapshot() {
        return cli.one("SELECT group_concat(contract_number || '/' || name || '/' || coalesce(mobile, '') || '/' || coalesce(plan, '')"
                + " || '/' || coalesce(pin_hash, ''), ';') FROM (SELECT * FROM customers ORDER BY id)")
                + cli.one("SELECT group_concat(e164, ';') FROM (SELECT e164 FROM customer_phones ORDER BY e164)");
    }

    @Test
    void aDryRunPrintsWhatWouldChangeAndAnUpdateDoesItInOneGo() throws Exception {
        Path billing = Files.writeString(dir.resolve("billing.csv"), "contract,name,mobile,plan\n"
                + "C-1,Ona,+37061111111,Fiber 300\n"
                + "C-2,Petras Petraitis,+37069999999,TV Basic\n"
                + "C-3,Jonas,,Fiber 100\n"
                + "C-4,Rūta,+37064444444,Fiber 300\n");
        String before = snapshot();

        assertThat(cli.run("customers", "import", "--update", "--dry-run", billing.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("add     C-4 Rūta",
                "change  C-1 (" + billing + ":2): plan: 'Fiber 100' -> 'Fiber 300'",
                "change  C-2 (" + billing + ":3): name: 'Petras' -> 'Petras Petraitis'; mobile: '+37062222222' -> '+37069999999'",
                "would add 1, change 2, unchanged 1 customers");
        assertThat(snapshot()).isEqualTo(before);

        assertThat(cli.run("customers", "import", "--update", billing.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("added 1, changed 2, unchanged 1");
        assertThat(cli.one("SELECT plan FROM customers WHERE contract_number = 'C-1'")).isEqualTo("Fiber 300");
        assertThat(cli.one("SELECT area FROM (SELECT service_area AS area FROM customers WHERE contract_number = 'C-1')")).isEqualTo("Kaunas");
        assertThat(cli.one("SELECT pin_hash IS NOT NULL FROM customers WHERE contract_number = 'C-1'")).isEqualTo("1");
        assertThat(cli.one("SELECT customer_id FROM customer_phones WHERE e164 = '+37069999999'"))
                .isEqualTo(cli.one("SELECT id FROM customers WHERE contract_number = 'C-2'"));
        assertThat(cli.one("SELECT count(*) FROM customer_phones WHERE e164 = '+37062222222'")).isEqualTo("0");
        assertThat(cli.one("SELECT detail FROM audit_log WHERE action = 'customers-import'")).isEqualTo("added 1, changed 2, unchanged 1");
    }

    @Test
    void anUpdateWithBadRowsNamesFileLineAndColumnAndChangesNothing() throws Exception {
        Path billing = Files.writeString(dir.resolve("bad.csv"), "contract,name,mobile,pin\n"
                + "C-1,Ona,+37061111111,9999\n"
                + "C-2,,+37062222222,\n"
                + "C-5,Naujas,12,\n"
                + "C-5,Naujas,,\n");
        String before = snapshot();

        assertThat(cli.run("customers", "import", "--update", billing.toString())).isEqualTo(1);
        assertThat(cli.err()).contains(billing + ":2:4: pin: contract C-1 is already in the store",
                billing + ":3:2: missing name", billing + ":4:3: mobile:", billing + ":5: duplicate contract C-5",
                "no customers imported");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(cli.one("SELECT count(*) FROM audit_log")).isEqualTo("0");
    }

    @Test
    void withoutUpdateAKnownContractIsStillRefused() throws Exception {
        Path again = Files.writeString(dir.resolve("again.csv"), "contract,name\nC-1,Ona\n");
        assertThat(cli.run("customers", "import", again.toString())).isEqualTo(1);
        assertThat(cli.err()).contains(again + ":2: contract C-1 is already in the store");
    }

    @Test
    void aPinResetTextsTheMobileOnFileOnlyAndNeverShowsThePin() {
        String oldHash = cli.one("SELECT pin_hash FROM customers WHERE contract_number = 'C-1'");

        assertThat(cli.run("customers", "pin-reset", "C-1")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("new PIN sent by SMS to the mobile on file of C-1").doesNotContainPattern("\\d{6}");
        assertThat(cli.one("SELECT pin_hash FROM customers WHERE contract_number = 'C-1'")).isNotEqualTo(oldHash);
        assertThat(cli.one("SELECT to_number || ' ' || body || ' ' || purpose FROM sms_messages"))
                .isEqualTo("+37061111111 Your new PIN: [redacted] pin-reset");
        assertThat(cli.one("SELECT action || ' ' || subject FROM audit_log")).isEqualTo("pin-reset C-1");

        assertThat(cli.run("customers", "pin-reset", "C-3")).isEqualTo(1);
        assertThat(cli.err()).contains("C-3 has no mobile on file", "nothing changed");
        assertThat(cli.run("customers", "pin-reset", "C-404")).isEqualTo(1);
        assertThat(cli.err()).contains("no customer with contract 'C-404'");
        assertThat(cli.one("SELECT count(*) FROM sms_messages")).isEqualTo("1");
    }

    @Test
    void deactivatingClosesTheCustomerAndRemovesThePin() {
        assertThat(cli.run("customers", "deactivate", "C-1")).as(cli.err()).isZero();
        assertThat(cli.one("SELECT status || '/' || coalesce(pin_hash, 'none') FROM customers WHERE contract_number = 'C-1'")).isEqualTo("closed/none");
        assertThat(cli.run("customers", "deactivate", "C-1")).isEqualTo(1);
        assertThat(cli.err()).contains("closed already");
        assertThat(cli.run("customers", "pin-reset", "C-1")).isEqualTo(1);
        assertThat(cli.one("SELECT count(*) FROM audit_log WHERE action = 'customer-deactivate'")).isEqualTo("1");
    }
}
