package dev.frontline.server.cli;

import dev.frontline.core.store.Database;
import dev.frontline.server.Main;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;

/**
 * Runs {@code frontline ...} commands as an administrator would, against one configuration file with a real SQLite
 * store, keeping what each printed; and reads that store back.
 */
final class CliRun {
    private final Path config;
    private final Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    CliRun(Path config, Path db) {
        this.config = config;
        this.db = db;
    }

    /** Runs the command with {@code --config}; its output replaces the last one's. @return the exit code */
    int run(String... args) {
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

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The first column of the first row {@code sql} selects from the store, null for none. */
    String one(String sql) {
        try (Database d = Database.sqlite(db)) {
            return d.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
        }
    }
}
