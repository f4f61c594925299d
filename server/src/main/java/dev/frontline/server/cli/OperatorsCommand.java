package dev.frontline.server.cli;

import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.imports.OperatorImport;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.api.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code frontline operators list | set-password LOGIN | set-skills LOGIN SKILL... | set-languages LOGIN LANG... |
 * deactivate LOGIN | activate LOGIN}: the accounts after the import. A new password or a deactivation also ends the login's open desktop sessions: a running server closes
 * those desktops within seconds (and puts a deactivated operator offline in the ACD).
 */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "List operator accounts; set a password, skills or languages; deactivate or reactivate a login.",
        subcommands = {OperatorsCommand.ListAccounts.class, OperatorsCommand.SetPassword.class,
                OperatorsCommand.SetSkills.class, OperatorsCommand.SetLanguages.class,
                OperatorsCommand.Deactivate.class, OperatorsCommand.Activate.class})
public final class OperatorsCommand implements Runnable {
    /** How a skills or languages change reaches a running server (its AccountWatch). */
    private static final String ROUTED_SOON = " (a running server routes by them within seconds)";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every account: login, role, skills, languages, phone, active.")
    static final class ListAccounts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-16s %-28s %-10s %-32s %-12s %-20s %s%n", "LOGIN", "NAME", "ROLE", "SKILLS", "LANGUAGES",
                        "PHONE", "ACTIVE");
                for (Operator o : stores.operators().all()) {
                    String skills = String.join(" ", o.skillNames());
                    out.printf("%-16s %-28s %-10s %-32s %-12s %-20s %s%n", o.id().value(), o.name(),
                            o.role().name().toLowerCase(Locale.ROOT), skills.isEmpty() ? "-" : skills,
                            o.languages().stream().map(l -> l.code()).sorted().collect(Collectors.joining(" ")),
                            o.endpoint() == null ? "-" : o.endpoint(), o.active() ? "yes" : "no");
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true,
            description = "Sets a new password: asked twice on a terminal (not echoed), else read as one line from "
                    + "standard input. Ends the login's open desktop sessions.")
    static final class SetPassword extends OneLogin {
        @Override
        public Integer call() {
            Optional<char[]> password = read(spec.commandLine().getErr());
            if (password.isEmpty()) {
                return 1;
            }
            Optional<String> problem = OperatorImport.passwordProblem(new String(password.get()));
            if (problem.isPresent()) {
                return fail(spec, problem.get() + "; nothing changed");
            }
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                boolean changed = stores.operators().setPassword(new OperatorId(login.trim()), password.get());
                Arrays.fill(password.get(), '\0');
                if (!changed) {
                    return fail(spec, "no login '" + login + "'; nothing changed");
                }
                int ended = Sessions.revokeStored(stores.database(), login.trim());
                spec.commandLine().getOut().println("password of " + login.trim() + " changed" + ended(ended));
                return 0;
            }
        }

        /** Twice from the terminal, or one line from standard input (a script); empty (with the reason) when not. */
        private Optional<char[]> read(PrintWriter err) {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("New password for %s: ", login);
                char[] again = console.readPassword("Once more: ");
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    err.println("frontline: the two passwords differ; nothing changed");
                    err.flush();
                    return Optional.empty();
                }
                Arrays.fill(again, '\0');
                return Optional.of(first);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    err.println("frontline: no password on standard input; nothing changed");
                    err.flush();
                    return Optional.empty();
                }
                return Optional.of(line.toCharArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "set-skills", mixinStandardHelpOptions = true,
            description = "Replaces the lines and queues, e.g. set-skills anna line1 line2 technical sales. "
                    + "A running server routes a logged-in operator by them within about 5 s.")
    static final class SetSkills extends OneLogin {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "SKILL", description = "line1 line2 line3 technical sales general")
        List<String> skills;

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                Optional<Operator> account = stores.operators().find(new OperatorId(login.trim()));
                if (account.isEmpty()) {
                    return fail(spec, "no login '" + login + "'; nothing changed");
                }
                List<String> problems = new ArrayList<>();
                OperatorImport.Skills parsed = OperatorImport.Skills.parse(skills, account.get().role(), problems::add);
                if (!problems.isEmpty()) {
                    return fail(spec, String.join("; ", problems) + "; nothing changed");
                }
                stores.operators().setSkills(account.get().id(), parsed.tiers(), parsed.intents());
                spec.commandLine().getOut().println("skills of " + login.trim() + ": " + String.join(" ", Operator.skillNames(parsed.intents(), parsed.tiers()))
                        + ROUTED_SOON);
                return 0;
            }
        }
    }

    @Command(name = "set-languages", mixinStandardHelpOptions = true,
            description = "Replaces the languages, e.g. set-languages anna lt ru en. A running server routes a "
                    + "logged-in operator by them within about 5 s.")
    static final class SetLanguages extends OneLogin {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "LANGUAGE", description = "en ru lt pl sl")
        List<String> languages;

        @Override
        public Integer call() {
            List<String> problems = new ArrayList<>();
            Set<Language> parsed = OperatorImport.languages(languages, problems::add);
            if (!problems.isEmpty()) {
                return fail(spec, String.join("; ", problems) + "; nothing changed");
            }
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                if (!stores.operators().setLanguages(new OperatorId(login.trim()), parsed)) {
                    return fail(spec, "no login '" + login + "'; nothing changed");
                }
                spec.commandLine().getOut().println("languages of " + login.trim() + ": "
                        + parsed.stream().map(Language::code).sorted().collect(Collectors.joining(" ")) + ROUTED_SOON);
                return 0;
            }
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "The login can no longer log in; its open desktop sessions end and the ACD puts it offline. "
                    + "Its history stays.")
    static final class Deactivate extends SetActive {
        Deactivate() {
            super(false);
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "A deactivated login may log in again.")
    static final class Activate extends SetActive {
        Activate() {
            super(true);
        }
    }

    abstract static class SetActive extends OneLogin {
        private final boolean active;

        SetActive(boolean active) {
            this.active = active;
        }

        @Override
        public Integer call() {
            try (Stores stores = Stores.open(config.load(), Clock.systemUTC())) {
                String id = login.trim();
                if (!stores.operators().setActive(new OperatorId(id), active)) {
                    return fail(spec, "no login '" + login + "'; nothing changed");
                }
                String sessions = active ? "" : ended(Sessions.revokeStored(stores.database(), id));
                spec.commandLine().getOut().println(id + (active ? " may log in again" : " deactivated") + sessions);
                return 0;
            }
        }
    }

    /** A subcommand about one account: {@code LOGIN [--config FILE]}. */
    abstract static class OneLogin implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(index = "0", paramLabel = "LOGIN", description = "the operator's or supervisor's login")
        String login;
    }


    private static String ended(int sessions) {
        return sessions == 0 ? "" : "; " + sessions + " open desktop session" + (sessions == 1 ? "" : "s")
                + " ended (a running server closes " + (sessions == 1 ? "it" : "them") + " within seconds)";
    }

    private static int fail(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("frontline: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
