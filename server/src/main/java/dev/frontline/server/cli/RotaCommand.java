package dev.frontline.server.cli;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.desk.OnDutyRota;
import dev.frontline.core.desk.RotaRows;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcOnDutyRota;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code frontline rota list|add|remove|set}: the on-duty rota (ADR 0143) from the command line, the same store and
 * checks as the desktop and {@code PUT /api/admin/on-duty}. Every change saves the whole rota at the version it was
 * read (or {@code --if-version}); a save that finds another one came first exits {@value #CHANGED} naming who and when,
 * and changes nothing (ADR 0148). Exit codes: 0 done, 1 refused (a wrong field, named; nothing changed), 2 bad
 * configuration or store, {@value #CHANGED} changed meanwhile. Audited {@code on-duty-edit} as {@code cli:<user>}.
 */
@Command(name = "rota", mixinStandardHelpOptions = true,
        description = "List and edit the on-duty rota: who is texted about technical failures after hours.",
        subcommands = {RotaCommand.ListRota.class, RotaCommand.Add.class, RotaCommand.Remove.class, RotaCommand.Set.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (the wrong field named); nothing changed", "2:bad configuration or store",
                "3:someone saved the rota meanwhile (read it again); nothing changed"})
public final class RotaCommand implements Runnable {
    /** Exit code of a save that found the rota saved by someone else since it was read. */
    static final int CHANGED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static JdbcOnDutyRota rota(Stores stores, FrontlineConfig cfg) {
        return new JdbcOnDutyRota(stores.database(), new AuditLog(stores.database(), stores.clock()), cfg.desk().zone());
    }

    private static List<RotaRows.Draft> drafts(OnDutyRota rota) {
        List<RotaRows.Draft> out = new ArrayList<>();
        for (RotaRows.Row r : RotaRows.rows(rota)) {
            out.add(new RotaRows.Draft(r.name(), r.mobile(), RotaRows.days(r.days()), RotaRows.time(r.from()),
                    RotaRows.time(r.to())));
        }
        return out;
    }

    /**
     * Saves {@code drafts} as the whole rota at {@code version}: a wrong field is said by {@code where} (the option or
     * the FILE:LINE) and exits 1; a save that came first exits {@link #CHANGED}.
     */
    private static int save(CommandSpec spec, Stores stores, JdbcOnDutyRota rota, List<RotaRows.Draft> drafts,
                            long version, java.util.function.Function<RotaRows.Problem, String> where, String done) {
        PrintWriter err = spec.commandLine().getErr();
        List<RotaRows.Row> rows;
        try {
            rows = RotaRows.parse(drafts, stores.phoneNumbers());
        } catch (RotaRows.Invalid e) {
            e.problems().forEach(p -> err.println("frontline: " + where.apply(p)));
            err.println("frontline: nothing changed");
            err.flush();
            return 1;
        }
        JdbcOnDutyRota.Stored saved;
        try {
            saved = rota.replace(rows, RetentionCommand.actor(), version);
        } catch (dev.frontline.core.store.ChangedMeanwhile e) {
            err.println("frontline: " + e.getMessage() + " (frontline rota list); nothing changed");
            err.flush();
            return CHANGED;
        }
        spec.commandLine().getOut().println(done + "; the rota has " + RotaRows.rows(saved.rota()).size()
                + " rows, version " + saved.version());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A row's field as the option it comes from: {@code shifts[3].mobile} -> {@code --mobile}. */
    private static String option(RotaRows.Problem p) {
        int dot = p.field().lastIndexOf('.');
        return (dot < 0 ? p.field() : "--" + p.field().substring(dot + 1)) + " " + p.message();
    }

    private static long version(Long ifVersion, JdbcOnDutyRota.Stored read) {
        return ifVersion != null ? ifVersion : read.version();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The rota's rows (numbered for remove), its version, and who is on duty now.")
    static final class ListRota implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                JdbcOnDutyRota.Stored st = rota(stores, cfg).stored();
                PrintWriter out = spec.commandLine().getOut();
                List<RotaRows.Row> rows = RotaRows.rows(st.rota());
                java.time.ZoneId zone = cfg.desk().zone();
                out.println("version " + st.version() + (st.changedBy() == null ? "" : ", saved by " + st.changedBy()
                        + (st.changedAt() == null ? "" : " at " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(st.changedAt().atZone(zone)))) + "; hours in " + zone.getId());
                if (rows.isEmpty()) {
                    out.println("the rota is empty: desk.on-duty seeds it when the server starts, or add a row");
                }
                List<String> now = st.rota().mobilesAt(stores.clock().instant());
                for (int i = 0; i < rows.size(); i++) {
                    RotaRows.Row r = rows.get(i);
                    out.printf("%3d  %-20s %-16s %-12s %s-%s%s%n", i + 1, r.name(), r.mobile(), RotaRows.days(r.days()),
                            RotaRows.time(r.from()), RotaRows.time(r.to()), now.contains(r.mobile())
                                    && covers(r, stores.clock().instant().atZone(zone)) ? "  on duty now" : "");
                }
                out.flush();
                return 0;
            }
        }

        private static boolean covers(RotaRows.Row r, java.time.ZonedDateTime at) {
            java.time.LocalTime t = at.toLocalTime();
            return r.days().contains(at.getDayOfWeek()) && !t.isBefore(r.from()) && t.isBefore(r.to());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a consultant's hours to the rota.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Option(names = "--name", description = "the consultant (required)") String name;
        @Option(names = "--mobile", description = "their mobile, e.g. +37061234567 (required)") String mobile;
        @Option(names = "--days", description = "mon-fri, sat,sun, mon,wed-fri (required)") String days;
        @Option(names = "--from", description = "HH:mm in the desk's time zone (required)") String from;
        @Option(names = "--to", description = "HH:mm, 24:00 for midnight; a night shift is two rows (required)") String to;
        @Option(names = "--if-version", paramLabel = "N", description = "save only if the rota is still at this version "
                + "(as rota list printed); default: the version read now") Long ifVersion;

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                JdbcOnDutyRota rota = rota(stores, cfg);
                JdbcOnDutyRota.Stored read = rota.stored();
                List<RotaRows.Draft> drafts = drafts(read.rota());
                drafts.add(new RotaRows.Draft(name, mobile, days, from, to));
                return save(spec, stores, rota, drafts, version(ifVersion, read), RotaCommand::option,
                        "added " + (name == null ? "" : name.strip()) + " as row " + drafts.size());
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a row (its number in rota list).")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "ROW", description = "the row's number as rota list prints it") int row;
        @Option(names = "--if-version", paramLabel = "N", description = "remove only if the rota is still at this version "
                + "(as rota list printed); default: the version read now") Long ifVersion;

        @Override
        public Integer call() {
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                JdbcOnDutyRota rota = rota(stores, cfg);
                JdbcOnDutyRota.Stored read = rota.stored();
                List<RotaRows.Draft> drafts = drafts(read.rota());
                if (row < 1 || row > drafts.size()) {
                    spec.commandLine().getErr().println("frontline: ROW " + row + " is not a row of the rota (it has "
                            + drafts.size() + " rows: frontline rota list); nothing changed");
                    return 1;
                }
                RotaRows.Draft gone = drafts.remove(row - 1);
                if (drafts.isEmpty()) {
                    spec.commandLine().getErr().println("frontline: ROW " + row + " is the rota's only row: with it gone "
                            + "nobody is texted about technical failures after hours (add another first); nothing changed");
                    return 1;
                }
                return save(spec, stores, rota, drafts, version(ifVersion, read), RotaCommand::option,
                        "removed row " + row + " (" + gone.name() + " " + gone.days() + " " + gone.from() + "-" + gone.to() + ")");
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Replace the whole rota by FILE: one row a line, name,mobile,days,from,to (a first line "
                    + "naming the columns and lines starting with # are skipped).")
    static final class Set implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "FILE", description = "UTF-8 text, e.g. tomas,+37061234567,mon-fri,18:00,24:00")
        Path file;
        @Option(names = "--if-version", paramLabel = "N", description = "replace only if the rota is still at this version "
                + "(as rota list printed); default: the version read now") Long ifVersion;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("frontline: " + file + ": cannot read it (" + e.getClass().getSimpleName() + "); nothing changed");
                return 1;
            }
            List<RotaRows.Draft> drafts = new ArrayList<>();
            List<Integer> lineOf = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
                if (line.isEmpty() || line.startsWith("#")
                        || (drafts.isEmpty() && problems.isEmpty() && line.toLowerCase(java.util.Locale.ROOT).startsWith("name,"))) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                // days may hold commas (sat,sun): name, mobile, then days up to the last two cells
                if (cells.length < 5) {
                    problems.add(file + ":" + (i + 1) + ": " + cells.length + " columns, expected name,mobile,days,from,to");
                    continue;
                }
                String daysCell = String.join(",", java.util.Arrays.copyOfRange(cells, 2, cells.length - 2));
                drafts.add(new RotaRows.Draft(cells[0], cells[1], daysCell, cells[cells.length - 2], cells[cells.length - 1]));
                lineOf.add(i + 1);
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("frontline: " + p));
                err.println("frontline: nothing changed");
                return 1;
            }
            if (drafts.isEmpty()) {
                err.println("frontline: " + file + ": no rows: the rota lists no one (nobody would be texted about "
                        + "technical failures after hours); nothing changed");
                return 1;
            }
            FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                JdbcOnDutyRota rota = rota(stores, cfg);
                return save(spec, stores, rota, drafts, version(ifVersion, rota.stored()), p -> at(file, lineOf, p),
                        "replaced the rota from " + file);
            }
        }

        /** {@code shifts[2].days ...} -> {@code FILE:LINE: days ...}. */
        private static String at(Path file, List<Integer> lineOf, RotaRows.Problem p) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("shifts\\[(\\d+)]\\.(\\w+)").matcher(p.field());
            if (!m.matches()) return file + ": " + p.message();
            return file + ":" + lineOf.get(Integer.parseInt(m.group(1))) + ": " + m.group(2) + " " + p.message();
        }
    }
}
