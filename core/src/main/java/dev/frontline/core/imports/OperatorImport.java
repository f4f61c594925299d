package dev.frontline.core.imports;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.security.SlowHash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates an operator CSV. Columns: {@code login} (required, unique; letters, digits, . _ -),
 * {@code name} (required), {@code password} (required, 8-72 bytes; stored as a bcrypt hash), {@code role}
 * (operator or supervisor), {@code skills} (tiers line1 line2 line3 and queues technical sales general, separated
 * by |; an operator needs at least one of each), {@code languages} (en ru lt pl sl, separated by |; at least one),
 * {@code endpoint} (the phone to ring, e.g. PJSIP/op101; required for operators), {@code mobile}.
 */
public final class OperatorImport {
    public static final Set<String> COLUMNS = Set.of("login", "name", "password", "role", "skills", "languages",
            "endpoint", "mobile");
    static final Set<String> REQUIRED = Set.of("login", "name", "password", "role", "languages");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._-]{2,64}");
    private static final int MIN_PASSWORD = 8;

    private final PhoneNumbers phones;
    private final SlowHash hash;

    public OperatorImport(PhoneNumbers phones, SlowHash hash) {
        this.phones = phones;
        this.hash = hash;
    }

    /**
     * @param existingLogins which of the given logins the store already has
     * @throws ImportException listing every error; then nothing may be written
     */
    public List<NewOperator> read(Path file, Function<Collection<String>, Set<String>> existingLogins) {
        CsvTable table = CsvTable.read(file, COLUMNS, REQUIRED);
        List<Pending> ok = new UniqueRows<Pending>("login", p -> p.login().toLowerCase(java.util.Locale.ROOT)) // WENDY = wendy
                .check(table, this::check, existingLogins);
        return ok.parallelStream().map(p -> new NewOperator(p.login, p.name, hash.hash(p.password.toCharArray()),
                p.role, p.tiers, p.intents, p.languages, p.endpoint, p.mobile)).toList();
    }

    /** The row's operator, or null when it has errors (added to {@code errors}). */
    private Pending check(String file, CsvTable.Row row, List<ImportError> errors) {
        long line = row.line();
        int before = errors.size();
        String login = row.get("login");
        if (login.isEmpty()) {
            errors.add(new ImportError(file, line, "missing login"));
        } else if (!LOGIN.matcher(login).matches()) {
            errors.add(new ImportError(file, line, "login '" + login + "' must be 2-64 letters, digits, '.', '_' or '-'"));
        }
        String name = row.get("name");
        if (name.isEmpty()) {
            errors.add(new ImportError(file, line, "missing name"));
        }
        String password = row.values().getOrDefault("password", "");
        passwordProblem(password).ifPresent(problem -> errors.add(new ImportError(file, line, problem)));
        Operator.Role role = null;
        switch (row.get("role").toLowerCase(Locale.ROOT)) {
            case "operator" -> role = Operator.Role.OPERATOR;
            case "supervisor" -> role = Operator.Role.SUPERVISOR;
            default -> errors.add(new ImportError(file, line, "role '" + row.get("role") + "' is not operator or supervisor"));
        }
        Skills skills = Skills.parse(Lists.split(row.get("skills")), role, problem -> errors.add(new ImportError(file, line, problem)));
        Set<Tier> tiers = skills.tiers();
        Set<Intent> intents = skills.intents();
        Set<Language> languages = languages(Lists.split(row.get("languages")),
                problem -> errors.add(new ImportError(file, line, problem)));
        String endpoint = row.get("endpoint");
        if (endpoint.isEmpty() && role == Operator.Role.OPERATOR) {
            errors.add(new ImportError(file, line, "missing endpoint (the phone to ring, e.g. PJSIP/op101)"));
        }
        Optional<String> mobile = Optional.empty();
        if (!row.get("mobile").isEmpty()) {
            try {
                mobile = Optional.of(phones.requireE164(row.get("mobile")));
            } catch (IllegalArgumentException e) {
                errors.add(new ImportError(file, line, "mobile: " + e.getMessage()));
            }
        }
        if (errors.size() > before) {
            return login.isEmpty() ? null : new Pending(login, null, null, null, null, null, null, null, Optional.empty());
        }
        return new Pending(login, name, password, role, tiers, intents, languages, endpoint.isEmpty() ? null : endpoint, mobile);
    }

    private record Pending(String login, String name, String password, Operator.Role role, Set<Tier> tiers,
                           Set<Intent> intents, Set<Language> languages, String endpoint, Optional<String> mobile) {}

    /** What is wrong with an operator's password, if anything: missing, under 8 characters, over bcrypt's 72 bytes. */
    public static Optional<String> passwordProblem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("missing password");
        }
        if (password.length() < MIN_PASSWORD) {
            return Optional.of("password is shorter than " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > SlowHash.MAX_BYTES) {
            return Optional.of("password is longer than " + SlowHash.MAX_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** An account's lines and queues, as the {@code skills} column and {@code frontline operators set-skills} give them. */
    public record Skills(Set<Tier> tiers, Set<Intent> intents) {
        /**
         * Reads {@code line1 line2 line3 technical sales general}; every unknown word, and an operator without a
         * line or a queue, is a problem.
         */
        public static Skills parse(List<String> words, Operator.Role role, Consumer<String> problems) {
            Set<Tier> tiers = EnumSet.noneOf(Tier.class);
            Set<Intent> intents = EnumSet.noneOf(Intent.class);
            for (String skill : words) {
                String s = skill.toUpperCase(Locale.ROOT);
                if (s.matches("LINE[123]")) {
                    tiers.add(Tier.valueOf(s));
                } else if (s.equals("TECHNICAL") || s.equals("SALES") || s.equals("GENERAL")) {
                    intents.add(Intent.valueOf(s));
                } else {
                    problems.accept("skill '" + skill + "' is not one of line1, line2, line3, technical, sales, general");
                }
            }
            if (role == Operator.Role.OPERATOR && (tiers.isEmpty() || intents.isEmpty())) {
                problems.accept("an operator needs at least one line (line1/line2/line3) and one "
                        + "queue (technical/sales/general) in skills");
            }
            return new Skills(tiers, intents);
        }
    }

    /** Reads language codes; every unknown one, and none at all, is a problem. */
    public static Set<Language> languages(List<String> codes, Consumer<String> problems) {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (String code : codes) {
            try {
                languages.add(Language.of(code));
            } catch (IllegalArgumentException e) {
                problems.accept(e.getMessage());
            }
        }
        if (codes.isEmpty()) {
            problems.accept("missing languages (en, ru, lt, pl, sl)");
        }
        return languages;
    }
}
