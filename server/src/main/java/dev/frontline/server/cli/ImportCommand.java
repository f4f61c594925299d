package dev.frontline.server.cli;

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
    static final class Customers extends FileImport<NewCustomer> {
        Customers() {
            super("customers");
        }

        @Override
        List<NewCustomer> read(Stores stores) {
            return new CustomerImport(stores.phoneNumbers(), stores.slowHash()).read(file, stores.customers()::existingContracts);
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
