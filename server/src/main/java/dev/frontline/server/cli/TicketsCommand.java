package dev.frontline.server.cli;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.Ticket;
import dev.frontline.core.ticket.TicketService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code frontline tickets reopen ID --reason "..." [--as SUPERVISOR]}: a closed ticket opened again from the command
 * line, as the desktop's Reopen does (ADR 0136): back on the line that closed it with a new SLA clock, a "reopened:
 * reason" line in its history and {@code ticket-reopen} in {@code audit_log} in the same transaction. The actor is the
 * supervisor named by {@code --as} (an active supervisor login), else the system user running the command. An unknown
 * ticket, an open one, an empty reason or a login that is not an active supervisor is refused and nothing changes.
 */
@Command(name = "tickets", mixinStandardHelpOptions = true,
        description = "Reopen a closed ticket (with a reason, audited).",
        subcommands = {TicketsCommand.Reopen.class})
public final class TicketsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reopen", mixinStandardHelpOptions = true,
            description = "Open a closed ticket again on the line that closed it, with a new SLA clock; audited.")
    static final class Reopen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "ID", description = "the ticket number, e.g. T-000042") String id;
        @Option(names = "--reason", description = "why it is opened again (required; written to its history)") String reason;
        @Option(names = "--as", paramLabel = "SUPERVISOR",
                description = "the supervisor's login the history and audit name (default: the system user, cli:<user>)")
        String as;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (reason == null || reason.isBlank()) {
                err.println("frontline: --reason is required (why the ticket is opened again); nothing changed");
                return 1;
            }
            if (id == null || id.isBlank()) {
                err.println("frontline: ID is required; nothing changed");
                return 1;
            }
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                String actor = RetentionCommand.actor();
                if (as != null) {
                    Optional<Operator> sup = as.isBlank() ? Optional.empty() : stores.operators().find(new OperatorId(as.strip()))
                            .filter(o -> o.role() == Operator.Role.SUPERVISOR && o.active());
                    if (sup.isEmpty()) {
                        err.println("frontline: --as '" + as + "' is not an active supervisor's login; nothing changed");
                        return 1;
                    }
                    actor = sup.get().id().value();
                }
                AuditLog audit = new AuditLog(stores.database(), stores.clock());
                TicketService tickets = new TicketService(new JdbcTicketStore(stores.database()), stores.clock(),
                        cfg.desk().targets());
                TicketId ticket = new TicketId(id.strip());
                String why = reason.strip();
                String who = actor;
                Ticket t;
                try {
                    t = tickets.reopen(ticket, who, why, tx -> audit.record(tx, who, "ticket-reopen", ticket.value(), why));
                } catch (NoSuchElementException e) {
                    err.println("frontline: no ticket " + ticket + "; nothing changed");
                    return 1;
                } catch (IllegalArgumentException e) {
                    err.println("frontline: " + e.getMessage() + "; nothing changed");
                    return 1;
                }
                spec.commandLine().getOut().println("reopened " + t.id() + " on " + t.tier().name().toLowerCase(java.util.Locale.ROOT)
                        + ", due " + t.dueAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (by " + who + ")");
                return 0;
            }
        }
    }
}
