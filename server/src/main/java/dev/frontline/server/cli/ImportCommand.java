package dev.frontline.server.cli;

import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.imports.CustomerImport;
import dev.frontline.core.imports.PinHashing;
import dev.frontline.core.imports.CustomerUpdate;
import dev.frontline.core.imports.ImportError;
import dev.frontline.core.imports.ImportException;
import dev.frontline.core.imports.OperatorImport;
import dev.frontline.core.operator.NewOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code frontline import customers|operators FILE.csv}: all or nothing, every error as FILE:LINE: reason. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import customers or operators from a CSV file (all rows or none; see README for the columns).",
        subcommands = {ImportCommand.Customers.class, ImportCommand.Operators.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "customers", mixinStandardHelpOptions = true,
            description = "Columns: contract,name,mobile,phones,email,address,area,plan,services,status,language,login,pin "
                    + "(contract and name required; UTF-8, comma or semicolon). With --update, known contracts are "
                    + "updated (only the columns the file has) and new ones added, all or nothing.")
    static class Customers extends FileImport<NewCustomer> {
        @Option(names = "--update", description = "update contracts already in the store (billing export) instead of refusing them")
        boolean update;
        @Option(names = "--dry-run", description = "print what would change (added, changed field by field, unchanged) and change nothing")
        boolean dryRun;

        Customers() {
            super("customers");
        }

        @Override
        public Integer call() {
            if (!update && !dryRun) {
                return super.call();
            }
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                CustomerUpdate.Plan plan;
                try {
                    PinHashing pins = dryRun ? PinHashing.SKIP : pins(stores);
                    plan = update ? new CustomerUpdate(stores.phoneNumbers(), stores.slowHash())
                            .plan(file, stores.customers()::byContracts, pins)
                            : new CustomerUpdate.Plan(new CustomerImport(stores.phoneNumbers(), stores.slowHash())
                                    .read(file, stores.customers()::existingContracts, pins), List.of(), 0);
                } catch (ImportException e) {
                    return report(spec, file, e.errors(), "customers");
                }
                PrintWriter out = spec.commandLine().getOut();
                if (dryRun) {
                    for (NewCustomer n : plan.added()) {
                        out.println("add     " + n.contractNumber() + " " + n.name());
                    }
                    for (CustomerUpdate.Changed ch : plan.changed()) {
                        out.println("change  " + ch.before().contractNumber() + " (" + file + ":" + ch.line() + "): "
                                + ch.changes().stream().map(Object::toString).collect(java.util.stream.Collectors.joining("; ")));
                    }
                }
                if (!dryRun) {
                    write(stores, plan);
                }
                out.println((dryRun ? "dry run, nothing changed: would add " : "added ") + plan.added().size()
                        + (dryRun ? ", change " : ", changed ") + plan.changed().size() + ", unchanged " + plan.unchanged()
                        + " customers from " + file);
                out.flush();
                return 0;
            }
        }

        private void write(Stores stores, CustomerUpdate.Plan plan) {
            var repo = stores.customers();
            var audit = new dev.frontline.core.store.AuditLog(stores.database(), stores.clock());
            stores.database().inTransaction(c -> {
                repo.insertAll(c, plan.added());
                repo.updateAll(c, plan.changed().stream().map(CustomerUpdate.Changed::after).toList());
                audit.record(c, RetentionCommand.actor(), "customers-import", file.getFileName().toString(),
                        "added " + plan.added().size() + ", changed " + plan.changed().size() + ", unchanged "
                                + plan.unchanged());
                return null;
            });
            stores.database().changed(dev.frontline.core.store.JdbcCustomerRepository.CUSTOMERS);
        }

        @Override
        List<NewCustomer> read(Stores stores) {
            return new CustomerImport(stores.phoneNumbers(), stores.slowHash())
                    .read(file, stores.customers()::existingContracts, pins(stores));
        }

        /** bcrypt on every core, telling the admin how far it got (a PIN costs ~60-100 ms of a core at cost 10). */
        private PinHashing pins(Stores stores) {
            PrintWriter err = spec.commandLine().getErr();
            long started = System.nanoTime();
            java.util.concurrent.atomic.AtomicLong lastPrinted = new java.util.concurrent.atomic.AtomicLong(started);
            int cores = Runtime.getRuntime().availableProcessors();
            return new PinHashing(stores.slowHash(), cores, (done, total) -> {
                long now = System.nanoTime();
                long last = lastPrinted.get();
                if (done < total && now - last < 5_000_000_000L || !lastPrinted.compareAndSet(last, now)) {
                    return; // at most one line every 5 s, and the last one
                }
                long left = done == 0 ? 0 : (now - started) / done * (total - done) / 1_000_000_000L;
                synchronized (err) {
                    err.printf("checked and hashed %,d of %,d rows (%d%%) on %d cores%s%n", done, total,
                            done * 100L / total, cores, done < total ? ", about " + left / 60 + " min " + left % 60
                                    + " s left" : "");
                    err.flush();
                }
            }, 100);
        }

        @Override
        String write(Stores stores, List<NewCustomer> customers) {
            stores.customers().insertAll(customers);
            return " (" + stores.customers().count() + " in the store now)";
        }
    }

    @Command(name = "operators", mixinStandardHelpOptions = true,
            description = "Columns: login,name,password,role,skills,languages,endpoint,mobile "
                    + "(skills and languages separated by |).")
    static final class Operators extends FileImport<NewOperator> {
        Operators() {
            super("operators");
        }

        @Override
        List<NewOperator> read(Stores stores) {
            return new OperatorImport(stores.phoneNumbers(), stores.slowHash()).read(file, stores.operators()::existingLogins);
        }

        @Override
        String write(Stores stores, List<NewOperator> operators) {
            stores.operators().insertAll(operators);
            return "";
        }
    }

    /** One import subcommand: reads and checks the whole file, then writes it; exit 1 with every error and nothing written. */
    abstract static class FileImport<T> implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "FILE.csv", description = "the CSV file")
        Path file;
        private final String what;

        FileImport(String what) {
            this.what = what;
        }

        /** @throws ImportException with every problem of the file */
        abstract List<T> read(Stores stores);

        /** Writes the rows; returns what to add to the "imported N ..." line. */
        abstract String write(Stores stores, List<T> rows);

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                List<T> rows;
                try {
                    rows = read(stores);
                } catch (ImportException e) {
                    return report(spec, file, e.errors(), what);
                }
                String after = write(stores, rows);
                spec.commandLine().getOut().println("imported " + rows.size() + " " + what + " from " + file + after);
                return 0;
            }
        }
    }

    static int report(CommandSpec spec, Path file, List<ImportError> errors, String what) {
        PrintWriter err = spec.commandLine().getErr();
        errors.forEach(err::println);
        err.println(file + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ", no " + what + " imported");
        err.flush();
        return 1;
    }
}
