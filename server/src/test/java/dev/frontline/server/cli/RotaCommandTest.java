package dev.frontline.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline rota ...} on a real SQLite file, as an administrator runs it (issue 24). */
class RotaCommandTest {
    @TempDir Path dir;
    private CliRun cli;

    @BeforeEach
    void store() throws Exception {
        Path config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\ndesk:\n  timezone: Europe/Vilnius\n");
        cli = new CliRun(config, dir.resolve("f.db"));
    }

    private String rows() {
        return cli.one("SELECT group_concat(name || ' ' || mobile || ' ' || days || ' ' || from_time || '-' || to_time, '; ')"
                + " FROM (SELECT * FROM on_duty_shifts ORDER BY seq)");
    }

    @Test
    void addsListsAndRemovesRowsAuditedWithAVersionCountedUp() {
        assertThat(cli.run("rota", "list")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("version 0", "the rota is empty");

        assertThat(cli.run("rota", "add", "--name", "Tomas", "--mobile", "861234567", "--days", "mon-fri",
                "--from", "18:00", "--to", "24:00")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("added Tomas as row 1", "version 1");
        assertThat(cli.run("rota", "add", "--name", "Tomas", "--mobile", "+37061234567", "--days", "tue-sat",
                "--from", "00:00", "--to", "08:00")).as(cli.err()).isZero();
        assertThat(cli.run("rota", "add", "--name", "Ieva", "--mobile", "+37061234568", "--days", "sat,sun",
                "--from", "08:00", "--to", "20:00")).as(cli.err()).isZero();
        assertThat(rows()).isEqualTo("Tomas +37061234567 mon-fri 18:00-24:00; Tomas +37061234567 tue-sat 00:00-08:00; "
                + "Ieva +37061234568 sat,sun 08:00-20:00");

        assertThat(cli.run("rota", "list")).isZero();
        assertThat(cli.out()).contains("version 3, saved by cli:", "Europe/Vilnius")
                .containsPattern("  2  Tomas +\\+37061234567 +tue-sat +00:00-08:00")
                .containsPattern("  3  Ieva +\\+37061234568 +sat,sun +08:00-20:00");

        assertThat(cli.run("rota", "remove", "2")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("removed row 2 (Tomas tue-sat 00:00-08:00)", "version 4");
        assertThat(rows()).isEqualTo("Tomas +37061234567 mon-fri 18:00-24:00; Ieva +37061234568 sat,sun 08:00-20:00");
        assertThat(cli.one("SELECT count(*) FROM audit_log WHERE action = 'on-duty-edit' AND actor LIKE 'cli:%'")).isEqualTo("4");
    }

    @Test
    void badInputIsRefusedNamingTheOptionAndChangesNothing() {
        assertThat(cli.run("rota", "add", "--name", "Tomas", "--mobile", "+37061234567", "--days", "mon-fri",
                "--from", "18:00", "--to", "24:00")).isZero();
        String before = rows();

        assertThat(cli.run("rota", "add", "--name", "Rasa", "--mobile", "12345", "--days", "someday",
                "--from", "9", "--to", "08:00")).isEqualTo(1);
        assertThat(cli.err()).contains("--mobile '12345' is not a valid mobile number", "--days 'someday' are not days",
                "--from '9' is not a time", "nothing changed");
        assertThat(cli.run("rota", "add", "--name", "Tomas", "--mobile", "+37061234567", "--days", "fri",
                "--from", "20:00", "--to", "22:00")).isEqualTo(1);
        assertThat(cli.err()).contains("--from overlaps row 1 (Tomas, mon-fri 18:00-24:00)");
        assertThat(cli.run("rota", "add", "--name", "Rasa", "--mobile", "+37061234569", "--days", "mon",
                "--from", "18:00", "--to", "08:00")).isEqualTo(1);
        assertThat(cli.err()).contains("--to must be after from (18:00): a night shift is two rows");
        assertThat(cli.run("rota", "add", "--mobile", "+37061234569", "--days", "mon", "--from", "18:00", "--to", "20:00"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("--name is required");

        assertThat(cli.run("rota", "remove", "1")).isEqualTo(1);
        assertThat(cli.err()).contains("the rota's only row", "nothing changed");
        assertThat(cli.run("rota", "remove", "7")).isEqualTo(1);
        assertThat(cli.err()).contains("ROW 7 is not a row of the rota (it has 1 rows");
        assertThat(cli.run("rota", "remove", "x")).isEqualTo(2); // picocli: not a number

        assertThat(rows()).isEqualTo(before);
        assertThat(cli.one("SELECT version FROM on_duty_rota")).isEqualTo("1");
        assertThat(cli.one("SELECT count(*) FROM audit_log")).isEqualTo("1");
    }

    @Test
    void setReplacesTheRotaFromAFileAndNamesFileLineForAWrongRow() throws Exception {
        Path good = Files.writeString(dir.resolve("rota.csv"), "name,mobile,days,from,to\n# nights\n"
                + "Tomas,+37061234567,mon-fri,18:00,24:00\nTomas,+37061234567,tue-sat,00:00,08:00\n\n"
                + "Ieva,+37061234568,sat,sun,08:00,20:00\n");
        assertThat(cli.run("rota", "set", good.toString())).as(cli.err()).isZero();
        assertThat(rows()).isEqualTo("Tomas +37061234567 mon-fri 18:00-24:00; Tomas +37061234567 tue-sat 00:00-08:00; "
                + "Ieva +37061234568 sat,sun 08:00-20:00");

        Path bad = Files.writeString(dir.resolve("bad.csv"), "Rasa,+37061234569,mon-fri,08:00,18:00\n"
                + "Jonas,+37061234570,funday,08:00,18:00\nJonas,+37061234570,mon,10:00\n");
        assertThat(cli.run("rota", "set", bad.toString())).isEqualTo(1);
        assertThat(cli.err()).contains(bad + ":3: 4 columns, expected name,mobile,days,from,to", "nothing changed");
        Files.writeString(bad, "Rasa,+37061234569,mon-fri,08:00,18:00\nJonas,+37061234570,funday,08:00,18:00\n");
        assertThat(cli.run("rota", "set", bad.toString())).isEqualTo(1);
        assertThat(cli.err()).contains(bad + ":2: days 'funday' are not days");
        Files.writeString(bad, "# nobody\n");
        assertThat(cli.run("rota", "set", bad.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("no rows: the rota lists no one");
        assertThat(cli.run("rota", "set", dir.resolve("missing.csv").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("missing.csv: cannot read it");

        assertThat(rows()).startsWith("Tomas +37061234567 mon-fri");
        assertThat(cli.one("SELECT version FROM on_duty_rota")).isEqualTo("1");
    }

    @Test
    void aSaveAtAVersionSomeoneElseChangedExitsThreeNamingWhoAndChangesNothing() {
        assertThat(cli.run("rota", "add", "--name", "Tomas", "--mobile", "+37061234567", "--days", "mon-sun",
                "--from", "00:00", "--to", "24:00")).isZero(); // version 1: what this administrator read
        assertThat(cli.run("rota", "add", "--name", "Ieva", "--mobile", "+37061234568", "--days", "sat,sun",
                "--from", "08:00", "--to", "20:00")).isZero(); // version 2: someone else's save

        assertThat(cli.run("rota", "remove", "1", "--if-version", "1")).isEqualTo(RotaCommand.CHANGED);
        assertThat(cli.err()).contains("the rota was changed by cli:", "(now version 2)", "reload", "nothing changed");
        assertThat(cli.run("rota", "add", "--name", "Rasa", "--mobile", "+37061234569", "--days", "mon",
                "--from", "18:00", "--to", "20:00", "--if-version", "1")).isEqualTo(RotaCommand.CHANGED);
        assertThat(cli.one("SELECT count(*) FROM on_duty_shifts")).isEqualTo("2");
        assertThat(cli.one("SELECT version FROM on_duty_rota")).isEqualTo("2");

        assertThat(cli.run("rota", "remove", "1", "--if-version", "2")).as(cli.err()).isZero();
        assertThat(rows()).isEqualTo("Ieva +37061234568 sat,sun 08:00-20:00");
    }
}
