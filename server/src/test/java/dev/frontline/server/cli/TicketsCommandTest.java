package dev.frontline.server.cli;

import dev.frontline.core.common.Tier;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline tickets reopen ...} on a real SQLite file, as a supervisor runs it on the server. */
class TicketsCommandTest {
    @TempDir Path dir;
    private CliRun cli;
    private Path config;
    private String closed;
    private String open;

    @BeforeEach
    void aClosedAndAnOpenTicketAndASupervisor() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\nsecurity:\n  hash-cost: 10\n");
        cli = new CliRun(config, dir.resolve("f.db"));
        Path csv = dir.resolve("ops.csv");
        Files.writeString(csv, "login,name,password,role,skills,languages,endpoint\n"
                + "anna,Anna P,first-secret,operator,line2|technical,lt|en,PJSIP/op101\n"
                + "vida,Vida J,vida-secret,supervisor,,lt,\n");
        assertThat(cli.run("import", "operators", csv.toString())).as(cli.err()).isZero();
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            TicketService t = new TicketService(new JdbcTicketStore(db), Clock.systemUTC(), Targets.DEFAULTS);
            Ticket a = t.open(Optional.empty(), Optional.empty(), "No internet", Optional.empty(), Tier.LINE2, 1, "anna");
            t.close(a.id(), "anna", "router replaced");
            closed = a.id().value();
            open = t.open(Optional.empty(), Optional.empty(), "Slow TV", Optional.empty(), Tier.LINE1, 3, "anna").id().value();
        }
    }

    @Test
    void reopensAClosedTicketAsTheNamedSupervisorWithTheSameAuditLineAsTheDesktop() {
        assertThat(cli.run("tickets", "reopen", closed, "--reason", "broken again", "--as", "vida")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("reopened " + closed + " on line2", "by vida");
        assertThat(cli.one("SELECT state || '|' || tier FROM tickets WHERE id = '" + closed + "'")).isEqualTo("open|line2");
        assertThat(cli.one("SELECT author || '|' || text FROM ticket_notes WHERE ticket_id = '" + closed
                + "' ORDER BY id DESC LIMIT 1")).isEqualTo("vida|reopened: broken again");
        assertThat(cli.one("SELECT actor || '|' || action || '|' || subject || '|' || detail FROM audit_log"))
                .isEqualTo("vida|ticket-reopen|" + closed + "|broken again");
    }

    @Test
    void withoutAsTheSystemUserIsTheActor() {
        assertThat(cli.run("tickets", "reopen", closed, "--reason", "again")).as(cli.err()).isZero();
        assertThat(cli.one("SELECT actor FROM audit_log WHERE action = 'ticket-reopen'")).startsWith("cli:");
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrongAndChangesNothing() {
        assertThat(cli.run("tickets", "reopen", closed)).isEqualTo(1);
        assertThat(cli.err()).contains("--reason is required", "nothing changed");
        assertThat(cli.run("tickets", "reopen", closed, "--reason", "x", "--as", "anna")).isEqualTo(1);
        assertThat(cli.err()).contains("--as 'anna' is not an active supervisor", "nothing changed");
        assertThat(cli.run("tickets", "reopen", "T-999999", "--reason", "x")).isEqualTo(1);
        assertThat(cli.err()).contains("no ticket T-999999", "nothing changed");
        assertThat(cli.run("tickets", "reopen", open, "--reason", "x")).isEqualTo(1);
        assertThat(cli.err()).contains("is open: only a closed ticket can be reopened", "nothing changed");
        assertThat(cli.one("SELECT state FROM tickets WHERE id = '" + closed + "'")).isEqualTo("closed");
        assertThat(cli.one("SELECT count(*) FROM audit_log WHERE action = 'ticket-reopen'")).isEqualTo("0");
    }
}
