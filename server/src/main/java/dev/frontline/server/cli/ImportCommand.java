package dev.frontline.server.cli;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.imports.CustomerImport;
import dev.frontline.core.imports.ImportError;
import dev.frontline.core.imports.ImportException;
import dev.frontline.core.imports.OperatorImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

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
            return importFile(spec, config, file, "customers",
                    stores -> new CustomerImport(stores.phoneNumbers(), stores.slowHash()).read(file, stores.customers()::existingContracts),
                    (stores, customers) -> {
                        stores.customers().insertAll(customers);
                        return " (" + stores.customers().count() + " in the store now)";
                    });
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
            return importFile(spec, config, file, "operators",
                    stores -> new OperatorImport(stores.phoneNumbers(), stores.slowHash()).read(file, stores.operators()::existingLogins),
                    (stores, operators) -> {
                        stores.operators().insertAll(operators);
                        return "";
                    });
        }
    }

    /** Reads and checks the whole file, then writes it; exit 1 with every error and nothing written when it fails. */
    private static <T> int importFile(CommandSpec spec, ConfigOption config, Path file, String what,
                                      Function<Stores, List<T>> read, BiFunction<Stores, List<T>, String> write) {
        FrontlineConfig cfg = config.load();
        try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
            List<T> rows;
            try {
                rows = read.apply(stores);
            } catch (ImportException e) {
                return report(spec, file, e.errors(), what);
            }
            String after = write.apply(stores, rows);
            spec.commandLine().getOut().println("imported " + rows.size() + " " + what + " from " + file + after);
            return 0;
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
