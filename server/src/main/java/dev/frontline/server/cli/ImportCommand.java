package dev.frontline.server.cli;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.imports.CustomerImport;
import dev.frontline.core.imports.ImportError;
import dev.frontline.core.imports.ImportException;
import dev.frontline.core.imports.OperatorImport;
import dev.frontline.core.operator.NewOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                    + "(contract and name required; UTF-8, comma or semicolon).")
    static final class Customers implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "FILE.csv", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                var repo = stores.customers();
                List<NewCustomer> customers;
                try {
                    customers = new CustomerImport(stores.phoneNumbers(), stores.slowHash()).read(file, repo::existingContracts);
                } catch (ImportException e) {
                    return report(spec, file, e.errors(), "customers");
                }
                repo.insertAll(customers);
                spec.commandLine().getOut().println("imported " + customers.size() + " customers from " + file
                        + " (" + repo.count() + " in the store now)");
                return 0;
            }
        }
    }

    @Command(name = "operators", mixinStandardHelpOptions = true,
            description = "Columns: login,name,password,role,skills,languages,endpoint,mobile "
                    + "(skills and languages separated by |).")
    static final class Operators implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "FILE.csv", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                var repo = stores.operators();
                List<NewOperator> operators;
                try {
                    operators = new OperatorImport(stores.phoneNumbers(), stores.slowHash()).read(file, repo::existingLogins);
                } catch (ImportException e) {
                    return report(spec, file, e.errors(), "operators");
                }
                repo.insertAll(operators);
                spec.commandLine().getOut().println("imported " + operators.size() + " operators from " + file);
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
