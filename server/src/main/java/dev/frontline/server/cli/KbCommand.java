package dev.frontline.server.cli;

import dev.frontline.core.common.Language;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcKbArticles;
import dev.frontline.core.ticket.KbArticle;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code frontline kb list|add|edit|retire}: the knowledge base operators read on the call, administered from the
 * command line. A draft without a language, title or body is refused naming the option, and nothing changes; every
 * change is audited (actor: the system user running the command). {@code edit} saves at the version it read (or
 * {@code --if-version}): someone's change in between exits 3 and changes nothing (ADR 0148).
 */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "List, add, edit and retire knowledge-base articles (per language, with the body operators read).",
        subcommands = {KbCommand.ListArticles.class, KbCommand.Add.class, KbCommand.Edit.class, KbCommand.Retire.class})
public final class KbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static JdbcKbArticles articles(Stores stores) {
        return new JdbcKbArticles(stores.database(), new AuditLog(stores.database(), stores.clock()), stores.clock());
    }

    /** The option each draft field comes from, for error messages. */
    private static String option(String field) {
        return "body".equals(field) ? "--body-file" : "--" + field;
    }

    private static int refuse(CommandSpec spec, List<KbArticle.Draft.Problem> problems) {
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("frontline: " + option(p.field()) + " " + p.message()));
        err.println("frontline: nothing changed");
        err.flush();
        return 1;
    }

    private static String body(CommandSpec spec, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("frontline: --body-file " + file + ": cannot read it ("
                    + e.getClass().getSimpleName() + "); nothing changed");
            return null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Articles in use (id, language, title).")
    static final class ListArticles implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Option(names = "--language", description = "only this language (en, ru, lt, pl, sl)") String language;
        @Option(names = "--retired", description = "also retired articles") boolean retired;
        @Option(names = "--versions", description = "also each article's version and who changed it last") boolean versions;

        @Override
        public Integer call() {
            Language lang = null;
            if (language != null) {
                try {
                    lang = Language.of(language);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("frontline: --language " + e.getMessage());
                    return 1;
                }
            }
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                for (KbArticle a : articles(stores).list(lang, retired)) {
                    out.printf("%6d  %s  %s%s%s%n", a.id(), a.language().code(), a.title(),
                            a.retiredAt().map(t -> "  (retired " + t + ")").orElse(""),
                            versions ? "  [version " + a.version() + (a.updatedBy() == null ? "" : ", " + a.updatedBy()) + "]" : "");
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an article; prints its id.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Option(names = "--language", description = "en, ru, lt, pl or sl (required)") String language;
        @Option(names = "--title", description = "the title (required)") String title;
        @Option(names = "--body-file", paramLabel = "FILE", description = "UTF-8 text operators read (required)") Path bodyFile;
        @Option(names = "--tags", description = "words it should also be found by") String tags;

        @Override
        public Integer call() {
            String body = bodyFile == null ? null : body(spec, bodyFile);
            if (bodyFile != null && body == null) return 1;
            KbArticle.Draft d = new KbArticle.Draft(language, title, body, tags);
            if (!d.problems().isEmpty()) return refuse(spec, d.problems());
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                KbArticle a = articles(stores).create(d, RetentionCommand.actor());
                spec.commandLine().getOut().println("added article " + a.id() + " (" + a.language().code() + "): " + a.title());
                return 0;
            }
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change an article; options not given stay as they are.")
    static final class Edit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Option(names = "--language") String language;
        @Option(names = "--title") String title;
        @Option(names = "--body-file", paramLabel = "FILE") Path bodyFile;
        @Option(names = "--tags") String tags;
        @Option(names = "--if-version", paramLabel = "N", description = "change it only if it is still at this version "
                + "(as kb list --versions printed); default: the version read now. Exit 3 when someone changed it since.")
        Long ifVersion;

        @Override
        public Integer call() {
            String body = bodyFile == null ? null : body(spec, bodyFile);
            if (bodyFile != null && body == null) return 1;
            dev.frontline.core.config.FrontlineConfig cfg = config.load();
            try (Stores stores = Stores.open(cfg, Clock.systemUTC())) {
                JdbcKbArticles kb = articles(stores);
                Optional<KbArticle> now = kb.find(id);
                if (now.isEmpty()) {
                    spec.commandLine().getErr().println("frontline: no knowledge-base article " + id + "; nothing changed");
                    return 1;
                }
                KbArticle a = now.get();
                KbArticle.Draft d = new KbArticle.Draft(language != null ? language : a.language().code(),
                        title != null ? title : a.title(), body != null ? body : a.body(), tags != null ? tags : a.tags());
                if (!d.problems().isEmpty()) return refuse(spec, d.problems());
                try {
                    kb.edit(id, d, RetentionCommand.actor(), ifVersion != null ? ifVersion : a.version(), cfg.desk().zone());
                } catch (dev.frontline.core.store.ChangedMeanwhile e) {
                    spec.commandLine().getErr().println("frontline: " + e.getMessage() + "; nothing changed");
                    return RotaCommand.CHANGED;
                }
                spec.commandLine().getOut().println("changed article " + id);
                return 0;
            }
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retire an article: no longer suggested.")
    static final class Retire implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;
        @Parameters(index = "0", paramLabel = "ID") long id;

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                if (!articles(stores).retire(id, RetentionCommand.actor())) {
                    spec.commandLine().getErr().println("frontline: no knowledge-base article " + id + " in use; nothing changed");
                    return 1;
                }
                spec.commandLine().getOut().println("retired article " + id);
                return 0;
            }
        }
    }
}
