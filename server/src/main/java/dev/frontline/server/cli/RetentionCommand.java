package dev.frontline.server.cli;

import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code frontline retention purge --months N [--dry-run]} and {@code frontline retention erase CONTRACT}: personal
 * data kept no longer than needed, and one customer erased on request. Both are all or nothing and audited
 * (actor: the system user running the command).
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Purge call records, SMS bodies and notes older than N months; erase one customer on request.",
        subcommands = {RetentionCommand.Purge.class, RetentionCommand.Erase.class})
public final class RetentionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Remove ended calls (rows, events, ratings) and blank SMS bodies and ticket notes older than N months.")
    static final class Purge implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = "--months", required = true, description = "keep this many months (at least 1)")
        int months;
        @Option(names = "--dry-run", description = "print what would be removed and change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            if (months < 1) {
                spec.commandLine().getErr().println("frontline: --months must be at least 1, not " + months + "; nothing changed");
                return 1;
            }
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                Retention r = new Retention(stores.database(), stores.clock(), new AuditLog(stores.database(), stores.clock()));
                Map<String, Integer> n = r.purge(months, dryRun, actor());
                PrintWriter out = spec.commandLine().getOut();
                out.println((dryRun ? "would remove" : "removed") + " (older than " + r.cutoff(months) + "):");
                n.forEach((k, v) -> out.printf("  %-14s %,d%n", k, v));
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase a customer: the record, numbers and SMS; calls and callbacks lose the number; tickets are anonymised.")
    static final class Erase implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(index = "0", paramLabel = "CONTRACT", description = "the customer's contract number")
        String contract;

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                Retention r = new Retention(stores.database(), stores.clock(), new AuditLog(stores.database(), stores.clock()));
                Optional<Map<String, Integer>> n = r.erase(contract.trim(), actor());
                if (n.isEmpty()) {
                    spec.commandLine().getErr().println("frontline: no customer with contract '" + contract + "'; nothing changed");
                    return 1;
                }
                spec.commandLine().getOut().println("erased customer " + contract.trim() + ": " + n.get());
                return 0;
            }
        }
    }
}
