package dev.frontline.core.operator;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An account to be written by import or demo data; the password already slow-hashed. */
public record NewOperator(String login, String name, String passwordHash, Operator.Role role, Set<Tier> tiers,
                          Set<Intent> intents, Set<Language> languages, String endpoint, Optional<String> mobile) {
    public NewOperator {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(mobile, "mobile");
        tiers = Set.copyOf(tiers);
        intents = Set.copyOf(intents);
        languages = Set.copyOf(languages);
    }
}
