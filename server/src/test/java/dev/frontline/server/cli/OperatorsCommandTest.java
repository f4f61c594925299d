package dev.frontline.server.cli;

import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcOperatorRepository;
import dev.frontline.server.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline operators ...} on a real SQLite file, as an administrator runs it (password from a pipe). */
class OperatorsCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final InputStream stdin = System.in;
    private Path config;

    @BeforeEach
    void importTwoOperators() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\nsecurity:\n  hash-cost: 10\n");
        Path csv = dir.resolve("ops.csv");
        Files.writeString(csv, "login,name,password,role,skills,languages,endpoint\n"
                + "anna,Anna Petrauskaitė,first-secret,operator,line1|technical|sales,lt|en,PJSIP/op101\n"
                + "vida,Vida J,vida-secret,supervisor,,lt,\n");
        assertThat(run(null, "import", "operators", csv.toString())).isEqualTo(0);
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String input, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        if (input != null) {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return cl.execute(all);
    }

    private boolean logsIn(String login, String password) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return new JdbcOperatorRepository(db, new SlowHash(10), Clock.systemUTC())
                    .authenticate(login, password.toCharArray()).isPresent();
        }
    }

    private void openSession(String login) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO desk_sessions (token_sha256, login,"
                    + " expires_at, created_at) VALUES ('" + login + "-token-hash', '" + login + "', 9999999999999, 0)"));
        }
    }

    private long sessions(String login) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM desk_sessions WHERE login = '" + login + "'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void listShowsEveryAccountWithItsQueuesLinesAndState() {
        assertThat(run(null, "operators", "list")).isEqualTo(0);
        assertThat(out.toString()).contains("LOGIN").containsPattern(
                "anna +Anna Petrauskaitė +operator +technical sales line1 +en lt +PJSIP/op101 +yes");
        assertThat(out.toString()).containsPattern("vida +Vida J +supervisor +- +lt +- +yes");
    }

    @Test
    void aNewPasswordFromAPipeReplacesTheOldOneAndEndsTheOpenSessions() {
        openSession("anna");
        openSession("vida");

        assertThat(run("second-secret\n", "operators", "set-password", "anna")).isEqualTo(0);

        assertThat(out.toString()).contains("password of anna changed; 1 open desktop session ended");
        assertThat(logsIn("anna", "second-secret")).isTrue();
        assertThat(logsIn("anna", "first-secret")).isFalse();
        assertThat(sessions("anna")).isZero();
        assertThat(sessions("vida")).as("another login's session").isEqualTo(1);
    }

    @Test
    void aShortPasswordOrAnUnknownLoginChangesNothing() {
        openSession("anna");

        assertThat(run("short\n", "operators", "set-password", "anna")).isEqualTo(1);
        assertThat(err.toString()).contains("frontline: password is shorter than 8 characters; nothing changed");
        assertThat(run("long-enough-1\n", "operators", "set-password", "nobody")).isEqualTo(1);
        assertThat(err.toString()).contains("frontline: no login 'nobody'; nothing changed");
        assertThat(run("", "operators", "set-password", "anna")).isEqualTo(1);
        assertThat(err.toString()).contains("no password on standard input");

        assertThat(logsIn("anna", "first-secret")).isTrue();
        assertThat(sessions("anna")).isEqualTo(1);
    }

    @Test
    void aDeactivatedLoginCannotLogInUntilActivatedAgain() {
        openSession("anna");

        assertThat(run(null, "operators", "deactivate", "anna")).isEqualTo(0);
        assertThat(out.toString()).contains("anna deactivated; 1 open desktop session ended");
        assertThat(logsIn("anna", "first-secret")).isFalse();
        assertThat(sessions("anna")).isZero();
        assertThat(run(null, "operators", "list")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("anna .* no\\R");

        assertThat(run(null, "operators", "activate", "anna")).isEqualTo(0);
        assertThat(out.toString()).contains("anna may log in again");
        assertThat(logsIn("anna", "first-secret")).isTrue();
        assertThat(run(null, "operators", "deactivate", "nobody")).isEqualTo(1);
    }

    /** A promotion to line 2, another language: the import refuses existing logins, so this is the way. */
    @Test
    void skillsAndLanguagesAreReplacedByTheSameRulesAsTheImport() {
        assertThat(run(null, "operators", "set-skills", "anna", "line1", "line2", "general")).isEqualTo(0);
        assertThat(out.toString()).contains("skills of anna: general line1 line2 (a running server routes by them within seconds)");
        assertThat(run(null, "operators", "set-languages", "anna", "lt", "RU")).isEqualTo(0);
        assertThat(out.toString()).contains("languages of anna: lt ru");
        assertThat(run(null, "operators", "list")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("anna +Anna Petrauskaitė +operator +general line1 line2 +lt ru ");

        assertThat(run(null, "operators", "set-skills", "anna", "line2", "billing")).isEqualTo(1);
        assertThat(err.toString()).contains("skill 'billing' is not one of line1, line2, line3, technical, sales, general")
                .contains("an operator needs at least one line (line1/line2/line3) and one queue").contains("nothing changed");
        assertThat(run(null, "operators", "set-languages", "anna", "de")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown language 'de'");
        assertThat(run(null, "operators", "set-skills", "vida")).as("picocli: a SKILL is required").isEqualTo(2);
        assertThat(run(null, "operators", "list")).isEqualTo(0);
        assertThat(out.toString()).as("unchanged by the refused ones").containsPattern("anna .* general line1 line2 +lt ru ");
    }
}
