package dev.frontline.server.cli;

import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
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
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline tickets reopen ...} on a real SQLite file, as a supervisor runs it on the server. */
class TicketsCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;
    private String closed;
    private String open;

    @BeforeEach
    void aClosedAndAnOpenTicketAndASupervisor() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\nsecurity:\n  hash-cost: 10\n");
        Path csv = dir.resolve("ops.csv");
        Files.writeString(csv, "login,name,password,role,skills,languages,endpoint\n"
                + "anna,Anna P,first-secret,operator,line2|technical,lt|en,PJSIP/op101\n"
                + "vida,Vida J,vida-secret,supervisor,,lt,\n");
        assertThat(run("import", "operators", csv.toString())).as(err.toString()).isZero();
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            TicketService t = new TicketService(new JdbcTicketStore(db), Clock.systemUTC(), Targets.DEFAULTS);
            Ticket a = t.open(Optional.empty(), Optional.empty(), "No internet", Optional.empty(), Tier.LINE2, 1, "anna");
            t.close(a.id(), "anna", "router replaced");
            closed = a.id().value();
            open = t.open(Optional.empty(), Optional.empty(), "Slow TV", Optional.empty(), Tier.LINE1, 3, "anna").id().value();
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

    private String one(String sql) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
        }
    }

    @Test
    void reopensAClosedTicketAsTheNamedSupervisorWithTheSameAuditLineAsTheDesktop() {
        assertThat(run("tickets", "reopen", closed, "--reason", "broken again", "--as", "vida")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("reopened " + closed + " on line2", "by vida");
        assertThat(one("SELECT state || '|' || tier FROM tickets WHERE id = '" + closed + "'")).isEqualTo("open|line2");
        assertThat(one("SELECT author || '|' || text FROM ticket_notes WHERE ticket_id = '" + closed
                + "' ORDER BY id DESC LIMIT 1")).isEqualTo("vida|reopened: broken again");
        assertThat(one("SELECT actor || '|' || action || '|' || subject || '|' || detail FROM audit_log"))
                .isEqualTo("vida|ticket-reopen|" + closed + "|broken again");
    }

    @Test
    void withoutAsTheSystemUserIsTheActor() {
        assertThat(run("tickets", "reopen", closed, "--reason", "again")).as(err.toString()).isZero();
        assertThat(one("SELECT actor FROM audit_log WHERE action = 'ticket-reopen'")).startsWith("cli:");
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrongAndChangesNothing() {
        assertThat(run("tickets", "reopen", closed)).isEqualTo(1);
        assertThat(err.toString()).contains("--reason is required", "nothing changed");
        assertThat(run("tickets", "reopen", closed, "--reason", "x", "--as", "anna")).isEqualTo(1);
        assertThat(err.toString()).contains("--as 'anna' is not an active supervisor", "nothing changed");
        assertThat(run("tickets", "reopen", "T-999999", "--reason", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("no ticket T-999999", "nothing changed");
        assertThat(run("tickets", "reopen", open, "--reason", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("is open: only a closed ticket can be reopened", "nothing changed");
        assertThat(one("SELECT state FROM tickets WHERE id = '" + closed + "'")).isEqualTo("closed");
        assertThat(one("SELECT count(*) FROM audit_log WHERE action = 'ticket-reopen'")).isEqualTo("0");
    }
}
